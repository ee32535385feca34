namespace Sesame.Knock.Spa;

/// <summary>An fwknoprc file that cannot be used; the message names the file and line:column, never a key.</summary>
public sealed class FwknopRcException(string message) : Exception(message);
