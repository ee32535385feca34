using Sesame.RouterOS.Syntax;

namespace Sesame.RouterOS.Console;

/// <summary>A command's arguments sorted out: named ones by their full name, unnamed ones in order, and <c>!name</c> unsets.</summary>
internal sealed class CommandArguments
{
    public List<(string Name, CommandPart Part)> Named { get; } = [];

    public List<CommandPart> Unnamed { get; } = [];

    public List<(string Name, CommandPart Part)> Unsets { get; } = [];

    public CommandPart? Find(string name)
    {
        for (int i = Named.Count - 1; i >= 0; i--)
        {
            if (Named[i].Name == name)
            {
                return Named[i].Part;
            }
        }

        return null;
    }
}
