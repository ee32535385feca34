using SharpFuzz;

namespace Sesame.Fuzz;

/// <summary>
/// <c>Sesame.Fuzz HARNESS</c> runs one harness under afl-fuzz (SharpFuzz's fork server, persistent mode);
/// <c>Sesame.Fuzz HARNESS FILE…</c> replays inputs once each, outside afl, to reproduce a crash with its stack trace.
/// </summary>
internal static class FuzzProgram
{
    public static int Run(string[] args)
    {
        if (args.Length == 0 || !Harnesses.All.TryGetValue(args[0], out Action<byte[]>? harness))
        {
            Console.Error.WriteLine($"usage: Sesame.Fuzz {{{string.Join('|', Harnesses.All.Keys)}}} [FILE…]");
            return 2;
        }

        if (args.Length > 1)
        {
            foreach (string file in args.Skip(1))
            {
                Console.Error.WriteLine($"replaying {file}");
                harness(File.ReadAllBytes(file));
            }

            return 0;
        }

        Fuzzer.Run(stream =>
        {
            using var buffer = new MemoryStream();
            stream.CopyTo(buffer);
            harness(buffer.ToArray());
        });
        return 0;
    }
}
