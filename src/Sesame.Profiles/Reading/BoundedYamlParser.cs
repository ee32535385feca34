using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Sesame.Profiles;

/// <summary>
/// YamlDotNet's parser with the bounds a profile needs: YamlDotNet builds its node tree recursively, so a deeply nested
/// document would exhaust the stack before any check of ours ran; and an alias repeats a whole subtree, so a few of
/// them nested make a short file stand for billions of nodes. A profile is five levels deep and has no use for
/// aliases: deeper nesting and any alias end the read with a <see cref="YamlException"/> at their place.
/// </summary>
internal sealed class BoundedYamlParser(IParser inner) : IParser
{
    /// <summary>Collections inside collections; a profile needs five (doors, a door, hooks …), flow style a few more.</summary>
    public const int MaxDepth = 32;

    private int _depth;

    public ParsingEvent? Current => inner.Current;

    /// <summary>Where the last event ended: the place of an error YamlDotNet reports without one.</summary>
    public Mark LastEnd { get; private set; } = Mark.Empty;

    public bool MoveNext()
    {
        bool moved;
        try
        {
            moved = inner.MoveNext();
        }
        catch (Exception ex) when (ex is InvalidOperationException or ArgumentException)
        {
            // YamlDotNet 16.3.0's scanner and parser throw these, not YamlException, on some malformed input (a plain
            // scalar cut by the end of a flow, "%TAG ! " without a prefix, a tag that is no URI; found by fuzz/).
            throw new YamlException(LastEnd, LastEnd, $"malformed after this point ({ex.Message.Split(" (Parameter", 2)[0]})");
        }

        if (!moved)
        {
            return false;
        }

        LastEnd = inner.Current!.End;

        switch (inner.Current)
        {
            case MappingStart or SequenceStart when ++_depth > MaxDepth:
                throw new YamlException(inner.Current.Start, inner.Current.End, $"nested deeper than {MaxDepth} levels; a profile needs far fewer");
            case MappingEnd or SequenceEnd:
                _depth--;
                break;
            case AnchorAlias alias:
                throw new YamlException(alias.Start, alias.End, $"alias '*{alias.Value}': a profile does not use anchors and aliases; write the value out");
        }

        return true;
    }
}
