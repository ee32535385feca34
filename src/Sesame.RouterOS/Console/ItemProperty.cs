using Sesame.Diagnostics;

namespace Sesame.RouterOS.Console;

/// <summary>One property of a menu item as written, with where its name and its value were written.</summary>
/// <param name="Quoted">Written as a quoted string or a block, so a leading <c>!</c> is text, not a negation.</param>
internal sealed record ItemProperty(string Name, string Value, bool Quoted, SourceLocation NameLocation, SourceLocation ValueLocation);
