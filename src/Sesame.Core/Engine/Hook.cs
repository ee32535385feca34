namespace Sesame.Engine;

/// <summary>The built-in chain a packet enters (ROUTEROS.md §2.1).</summary>
public enum Hook : byte
{
    Input,
    Forward,
    Output,
}
