namespace Sesame.Model;

/// <summary>Connection-tracking states a rule can match (<c>connection-state=established,related</c>).</summary>
[Flags]
public enum ConnectionStates : byte
{
    None = 0,
    Established = 1,
    Related = 2,
    New = 4,
    Invalid = 8,
    Untracked = 16,
}
