namespace Sesame.RouterOS.Scripting.Parsing;

/// <summary>A problem the parser found, at a character offset of the script's source.</summary>
/// <param name="IsWarning">True for what the parser accepted with a note (the one-line form), false for a syntax error.</param>
internal sealed record CodeError(int Position, string Code, string Message, bool IsWarning = false);
