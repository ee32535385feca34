using Sesame.Cli;
using Sesame.Cli.Output;

// Standard error is for people: always escaped for a terminal. Standard output only when it is one (TerminalWriter).
using var error = new TerminalWriter(Console.Error);
TextWriter output = Console.IsOutputRedirected ? Console.Out : new TerminalWriter(Console.Out);
int status = SesameCli.Run(args, new CliContext(output, error, Console.In));
output.Flush();
return status;
