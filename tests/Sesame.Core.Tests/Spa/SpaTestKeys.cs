using Sesame.Spa;

namespace Sesame.Tests.Spa;

/// <summary>Fixed keys, so that failures repeat.</summary>
internal static class SpaTestKeys
{
    public static SpaKeys Alice { get; } = new(Bytes(32, 1), Bytes(64, 2));

    public static SpaKeys Bob { get; } = new(Bytes(32, 3), Bytes(64, 4));

    private static byte[] Bytes(int length, byte seed)
    {
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++)
        {
            bytes[i] = (byte)((i * 31) + seed);
        }

        return bytes;
    }
}
