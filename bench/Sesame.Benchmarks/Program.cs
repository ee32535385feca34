using BenchmarkDotNet.Running;
using Sesame.Benchmarks;

if (args is ["--list-memory"])
{
    AddressListMemory.Report();
    return;
}

if (args is ["--quick"])
{
    QuickRun.Report();
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
