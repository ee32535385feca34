using Sesame.Net;

namespace Sesame.Tests.Scripting;

internal static class Ip
{
    public static IpRange Range(string text) =>
        IpRange.TryParse(text, out IpRange? range, out string error) ? range.Value : throw new ArgumentException(error, nameof(text));
}
