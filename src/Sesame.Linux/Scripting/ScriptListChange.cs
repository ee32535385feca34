using Sesame.Net;

namespace Sesame.Linux.Scripting;

/// <summary>An entry a script added (<see cref="Added"/>) or removed, for the daemon's list events.</summary>
/// <param name="Timeout">The timeout it was given, or null (an added entry without one; any removed entry).</param>
internal sealed record ScriptListChange(string List, IpRange Address, TimeSpan? Timeout, bool Added, string Script);
