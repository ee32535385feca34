using System.Text;
using Sesame.Model;
using Sesame.Net;
using Sesame.Spa;
using Sesame.Time;

namespace Sesame.Tests.Spa;

/// <summary>
/// The field parser behind the HMAC, which only a key holder reaches: random mutations of good fields, sealed with the
/// key so that they pass the HMAC and decrypt, must be refused or granted, never throw.
/// </summary>
public sealed class SpaPacketFieldsFuzzTests
{
    private static readonly SpaPort Ssh = new(IpProtocols.Tcp, 22);

    [Fact]
    public void Verify_MutatedAuthenticatedFields_NeverThrows()
    {
        var time = new ManualTimeProvider(new DateTimeOffset(2026, 12, 6, 6, 0, 0, TimeSpan.Zero));
        using var replay = new SpaReplayCache(time);
        var door = new SpaDoor("fuzz")
        {
            AllowAddress = true,
            Users = [new SpaUser("alice", SpaTestKeys.Alice) { Ports = [Ssh] }],
            PortLists = [new SpaPortList(Ssh, "l")],
        };
        var verifier = new SpaVerifier(door, replay, time);
        long now = time.GetUtcNow().ToUnixTimeSeconds();
        string[] seeds =
        [
            $"1234567890123456:{B64("alice")}:{now}:3.0.0:1:{B64("0.0.0.0,tcp/22")}",
            $"1234567890123456:{B64("alice")}:{now}:3.0.0:3:{B64("2001:db8::1,tcp/22,udp/53")}:60",
            $"1234567890123456:{B64("alice")}:{now}:3.0.0:2:{B64("0.0.0.0,tcp/22")}:{B64("10.0.0.1,22")}",
            $"1234567890123456:{B64("alice")}:{now}:3.0.0:0:{B64("0.0.0.0,echo hi")}",
        ];
        const string Alphabet = "0123456789:,/=+abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.\0\n\u00ff";
        var random = new Random(12);
        int granted = 0;
        for (int i = 0; i < 3000; i++)
        {
            var text = new StringBuilder(seeds[random.Next(seeds.Length)]);
            int edits = random.Next(1, 4);
            for (int e = 0; e < edits && text.Length > 0; e++)
            {
                int at = random.Next(text.Length);
                switch (random.Next(4))
                {
                    case 0:
                        text[at] = Alphabet[random.Next(Alphabet.Length)];
                        break;
                    case 1:
                        text.Insert(at, Alphabet[random.Next(Alphabet.Length)]);
                        break;
                    case 2:
                        text.Remove(at, 1);
                        break;
                    default:
                        text.Insert(at, B64(new string((char)random.Next(32, 127), random.Next(1, 300))));
                        break;
                }
            }

            string packet;
            try
            {
                packet = SpaPacket.Seal(text.ToString(), SpaTestKeys.Alice);
            }
            catch (ArgumentException)
            {
                continue;
            }

            SpaVerdict verdict = verifier.Verify(IpFamily.V4, 0xC6336409, Encoding.ASCII.GetBytes(packet));
            if (verdict.Granted)
            {
                granted++;
                Assert.NotNull(verdict.Address);
                Assert.Equal(["l"], verdict.Lists);
            }
            else
            {
                Assert.NotNull(verdict.Detail);
                Assert.DoesNotContain('\n', verdict.Detail);
                Assert.DoesNotContain('\0', verdict.Detail);
            }
        }

        // Mutations that keep the fields valid (a digit of the random value, a letter of the user) are granted: the fuzz reaches the end.
        Assert.True(granted > 0);
    }

    private static string B64(string text) => Convert.ToBase64String(Encoding.Latin1.GetBytes(text)).TrimEnd('=');
}
