namespace Sesame.Linux.Daemon;

/// <summary>What an address-list change means for the knock, as the log line's <c>event=</c> says it.</summary>
internal enum EventKind
{
    /// <summary>A knock stage: the list is only a condition of later add-to-list rules.</summary>
    Stage,

    /// <summary>The list opens the door: an accept rule matches on it.</summary>
    Grant,

    /// <summary>The list shuts a source out: a drop, reject or tarpit rule matches on it.</summary>
    Blacklist,
}
