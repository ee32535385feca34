namespace Sesame.Linux.Control;

/// <summary>A request on the control socket: <c>{"verb":"run","script":NAME}</c>.</summary>
internal sealed record ControlRequest(string Verb, string Script);
