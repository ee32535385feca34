using System.Globalization;
using BenchmarkDotNet.Running;
using Sesame.Benchmarks;

if (args is ["--list-memory"])
{
    AddressListMemory.Report();
    return;
}

if (args is ["--spa-memory"])
{
    SpaReplayCacheMemory.Report();
    return;
}

if (args is ["--spa-journal", ..])
{
    SpaReplayCacheMemory.Journal(args.Length > 1 ? args[1] : Path.GetTempPath(), 100_000);
    return;
}

if (args is ["--quick", ..])
{
    QuickRun.Report(args.Length > 1 ? args[1] : "", args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 15);
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
