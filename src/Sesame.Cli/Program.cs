using Sesame.Cli;

return SesameCli.Run(args, new CliContext(Console.Out, Console.Error, Console.In));
