using Sesame.NetBench;

if (args.Length == 0)
{
    Console.Error.WriteLine("usage: Sesame.NetBench listen|latency|interleaved|flood|spa-latency|spa-flood|fleet-rate [--name value]…  (see bench/netns/README.md)");
    return 2;
}

var options = new ToolArgs(args.AsSpan(1));
return args[0] switch
{
    "listen" => ServiceListener.Run(options),
    "latency" => LatencyRun.Run(options),
    "interleaved" => InterleavedRun.Run(options),
    "flood" => FloodRun.Run(options),
    "spa-latency" => SpaLatencyRun.Run(options),
    "spa-flood" => SpaFloodRun.Run(options),
    "fleet-rate" => FleetRateRun.Run(options),
    _ => Usage(args[0]),
};

static int Usage(string mode)
{
    Console.Error.WriteLine($"unknown mode '{mode}'");
    return 2;
}
