using Sesame.Cli;

// The last resort for an exception on another thread (a hook's task, a timer): one line, exit 70, as SesameCli.Run does
// for the main thread. Bad input never gets here — every parser bounds its input and reports a diagnostic.
AppDomain.CurrentDomain.UnhandledException += (_, e) =>
{
    SesameCli.ReportInternalError(e.ExceptionObject as Exception, Console.Error);
    Environment.Exit(ExitCodes.Internal);
};

return SesameCli.Run(args, new CliContext(Console.Out, Console.Error, Console.In));
