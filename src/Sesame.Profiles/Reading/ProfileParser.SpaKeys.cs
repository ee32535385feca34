using Sesame.Spa;
using YamlDotNet.RepresentationModel;

namespace Sesame.Profiles;

/// <summary>
/// An SPA user's keys: always a key file, read when the profile is read. A profile is no secret (it is printed, pasted
/// and checked in), so a key written in it is refused, and no message ever repeats one.
/// </summary>
internal sealed partial class ProfileParser
{
    /// <summary>Keys a careless admin writes to put a key inline; each gets the message that keys live in key files.</summary>
    private static readonly string[] InlineKeyNames =
        ["key", "key_base64", "hmac_key", "hmac_key_base64", "hmac_digest_type", "passphrase", "secret", "password"];

    /// <summary>
    /// The user's mapping without the keys that would hold an inline key, each reported (SES0614), so that
    /// <see cref="Fields"/> does not report them again as unknown keys.
    /// </summary>
    private YamlNode WithoutInlineKeys(YamlNode node, Door door)
    {
        if (node is not YamlMappingNode map)
        {
            return node;
        }

        var rest = new YamlMappingNode();
        foreach ((YamlNode keyNode, YamlNode value) in map.Children)
        {
            if (keyNode is YamlScalarNode { Value: { } key } && InlineKeyNames.Contains(key.ToLowerInvariant()))
            {
                bag.Error(At(keyNode), ProfileCodes.SpaInlineKey, InlineKeyMessage(door));
            }
            else
            {
                rest.Children.Add(keyNode, value);
            }
        }

        return rest.Children.Count == map.Children.Count ? map : rest;
    }

    /// <summary>
    /// <c>keys:</c> names a key file; its keys are read now (<see cref="SpaKeyFile.Read"/>), so a missing, world-readable
    /// or broken key file is an error at this line, never a surprise in the daemon. A key written here instead is
    /// refused without repeating it: the profile is no secret, and the message goes to terminals and logs.
    /// </summary>
    private (string? KeyFile, SpaKeys? Keys) KeyFile(YamlNode node, Door door)
    {
        if (node is not YamlScalarNode { Value: { } text })
        {
            bag.Error(At(node), node is YamlMappingNode ? ProfileCodes.SpaInlineKey : ProfileCodes.WrongShape,
                node is YamlMappingNode ? InlineKeyMessage(door) : "keys: names one key file, e.g. 'keys: keys/alice.keys'");
            return (null, null);
        }

        if (text.Length == 0 || text.Any(char.IsControl) || text.Length > 4096)
        {
            bag.Error(At(node), ProfileCodes.BadValue, "keys: is not a usable file name (empty, too long, or with a control character)");
            return (null, null);
        }

        string path = Path.Combine(KeyDirectory, text);
        if (LooksLikeKey(text) && !File.Exists(path))
        {
            bag.Error(At(node), ProfileCodes.SpaInlineKey, InlineKeyMessage(door));
            return (null, null);
        }

        try
        {
            return (text, SpaKeyFile.Read(path));
        }
        catch (SpaKeyFileException ex)
        {
            bag.Error(At(node), ProfileCodes.SpaKeyFile, $"keys: {ex.Message}");
            return (text, null);
        }
    }

    /// <summary>
    /// A value that is a key rather than a file name (and names no file): an fwknop key line, or a run of base64 as long
    /// as fwknop's keys (44 and 88 characters) with no dot.
    /// </summary>
    private static bool LooksLikeKey(string text) =>
        (text.Contains("KEY_BASE64", StringComparison.OrdinalIgnoreCase) && text.IndexOfAny([' ', '\t', ':']) >= 0)
        || (text.Length >= 40 && !text.Contains('.', StringComparison.Ordinal)
            && text.All(c => char.IsAsciiLetterOrDigit(c) || c is '+' or '/' or '=')
            && Convert.TryFromBase64String(text, new byte[text.Length], out int length) && length >= 30);

    private static string InlineKeyMessage(Door door) =>
        $"SPA door '{door.Name}': keys are never written in a profile (it is no secret); put them in a key file ('fwknop --key-gen > alice.keys; chmod 600 alice.keys') and name it: 'keys: alice.keys'";
}
