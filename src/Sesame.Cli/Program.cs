using Sesame.Cli;
using Sesame.Cli.Output;

// Standard error is for people: always escaped for a terminal. Standard output only when it is one (TerminalWriter).
using var error = new TerminalWriter(Console.Error);
TextWriter output = Console.IsOutputRedirected ? Console.Out : new TerminalWriter(Console.Out);

// The last resort for an exception on another thread (a hook's task, a timer): one line, exit 70, as SesameCli.Run does
// for the main thread. Bad input never gets here — every parser bounds its input and reports a diagnostic.
AppDomain.CurrentDomain.UnhandledException += (_, e) =>
{
    SesameCli.ReportInternalError(e.ExceptionObject as Exception, error);
    error.Flush();
    Environment.Exit(ExitCodes.Internal);
};

int status = SesameCli.Run(args, new CliContext(output, error, Console.In) { OutIsConsole = true });
output.Flush();
return status;
