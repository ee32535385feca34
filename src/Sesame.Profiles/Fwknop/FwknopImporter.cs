using Sesame.Diagnostics;
using Sesame.Model;

namespace Sesame.Profiles;

/// <summary>
/// Turns fwknopd's access.conf (and optionally fwknopd.conf) into a profile with one SPA door (docs/profiles.md,
/// "sesame import fwknop"): each <c>SOURCE</c> stanza becomes a user, in order, its keys going to a key file of its
/// own. <b>The import never lets in more than fwknopd would</b>: a stanza whose access Sesame cannot express exactly
/// (a user name it must carry, an expiry date, NAT, commands run instead of rules, GPG, another cipher or digest) is left
/// out with a warning at its line; a stanza with no OPEN_PORTS (fwknopd opens whatever the client asks) needs the
/// ports given (<see cref="FwknopImportOptions.Open"/>). fwknopd serves IPv4 only, so the door is <c>family: ipv4</c>.
/// </summary>
public static partial class FwknopImporter
{
    public static FwknopImport Import(string accessText, string accessFileName, string? fwknopdText = null, string? fwknopdFileName = null, FwknopImportOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(accessText);
        ArgumentNullException.ThrowIfNull(accessFileName);
        options ??= new FwknopImportOptions();
        var bag = new DiagnosticBag();
        var profile = new DoorProfile();
        var spa = new DoorSpa();
        if (fwknopdText is not null)
        {
            (profile, spa) = Daemon(FwknopFile.Read(fwknopdText, fwknopdFileName ?? "fwknopd.conf", bag), profile, spa, bag);
        }

        List<FwknopStanza> stanzas = Stanzas(FwknopFile.Read(accessText, accessFileName, bag), bag);
        var users = new List<(DoorSpaUser User, EquatableArray<OpenPort> Ports, bool RequireAddress)>();
        foreach (FwknopStanza stanza in stanzas)
        {
            if (ToUser(stanza, options, bag) is { } user)
            {
                users.Add(user);
            }
        }

        if (users.Count == 0)
        {
            if (!bag.HasErrors)
            {
                bag.Error(new SourceLocation(accessFileName, 1, 1), ProfileCodes.FwknopSyntax,
                    stanzas.Count == 0 ? "no SOURCE stanza: nothing to import" : "no stanza could be imported (the warnings say why)");
            }

            return new FwknopImport(profile, bag.Sorted());
        }

        // The door opens the union of the stanzas' ports, in the order they first appear; a stanza that may open all of
        // them needs no list of its own.
        var open = new List<OpenPort>();
        foreach (OpenPort port in users.SelectMany(u => u.Ports))
        {
            if (!open.Contains(port))
            {
                open.Add(port);
            }
        }

        // fwknopd's REQUIRE_SOURCE_ADDRESS is per stanza, Sesame's per door: one stanza that requires it makes the whole
        // door require it, which refuses more packets and lets in no one fwknopd would not.
        bool requireAddress = users.Any(u => u.RequireAddress);
        if (requireAddress && users.Any(u => !u.RequireAddress))
        {
            bag.Warning(users.First(u => u.RequireAddress).User.Location, ProfileCodes.FwknopNotCarried,
                "REQUIRE_SOURCE_ADDRESS applies to the whole SPA door in Sesame: the other stanzas' clients must send their address too (no 'fwknop -s')");
        }

        var door = new Door(options.DoorName)
        {
            Family = DoorFamily.Ipv4,
            Open = [.. open],
            OpenFor = DoorSpa.DefaultOpenFor,
            Spa = spa with
            {
                RequireAddress = requireAddress,
                Users = [.. users.Select(u => u.Ports.Count == open.Count ? u.User : u.User with { Open = u.Ports })],
            },
        };
        return new FwknopImport(profile with { Doors = [door] }, bag.Sorted());
    }

    /// <summary>
    /// A stanza runs from its SOURCE line to the next. fwknopd skips lines before the first SOURCE; the include
    /// directives are not followed here (the included files can be imported on their own).
    /// </summary>
    private static List<FwknopStanza> Stanzas(List<FwknopEntry> entries, DiagnosticBag bag)
    {
        var stanzas = new List<FwknopStanza>();
        foreach (FwknopEntry entry in entries)
        {
            if (entry.Key == "SOURCE")
            {
                stanzas.Add(new FwknopStanza(stanzas.Count + 1, entry, []));
            }
            else if (entry.Key is "%include" or "%include_folder")
            {
                bag.Warning(entry.Location, ProfileCodes.FwknopNotCarried,
                    $"{entry.Key} {entry.Value} is not followed: import the included file(s) on their own and merge the users by hand");
            }
            else if (stanzas.Count == 0)
            {
                bag.Warning(entry.Location, ProfileCodes.FwknopNotCarried, $"{entry.Key} comes before any SOURCE line; fwknopd ignores it, and so does the import");
            }
            else
            {
                stanzas[^1].Entries.Add(entry);
            }
        }

        return stanzas;
    }
}
