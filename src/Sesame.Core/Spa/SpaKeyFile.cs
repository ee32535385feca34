namespace Sesame.Spa;

/// <summary>
/// Key files: what <c>fwknop --key-gen</c> prints (<c>KEY_BASE64: …</c>, <c>HMAC_KEY_BASE64: …</c>), also in the
/// <c>~/.fwknoprc</c>/access.conf spelling (<c>KEY_BASE64  …</c>), with an optional <c>HMAC_DIGEST_TYPE</c>; <c>#</c> starts
/// a comment. A key file is a secret: <see cref="Read"/> refuses one that others may read or write.
/// </summary>
public static class SpaKeyFile
{
    /// <summary>The largest key file read (a key file is a few lines).</summary>
    public const int MaxLength = 64 * 1024;

    /// <summary>Reads and parses <paramref name="path"/>: it must be a regular file, at most <see cref="MaxLength"/> bytes, with no permission bits for others.</summary>
    /// <exception cref="SpaKeyFileException">Missing, unreadable, readable or writable by others, too long, or not a key file (line and column named).</exception>
    public static SpaKeys Read(string path) => throw new NotImplementedException();

    /// <summary>Parses the text of a key file; <paramref name="path"/> only names the place in messages.</summary>
    /// <exception cref="SpaKeyFileException">A line that is not a key, bad base64, a key of the wrong length, a key missing.</exception>
    public static SpaKeys Parse(string text, string path) => throw new NotImplementedException();

    /// <summary>The key file text for <paramref name="keys"/>, as <c>fwknop --key-gen</c> prints it.</summary>
    public static string Format(SpaKeys keys) => throw new NotImplementedException();
}

/// <summary>A key file that cannot be used; the message names the file (and line:column where there is one) and never holds key bytes.</summary>
public sealed class SpaKeyFileException(string message) : Exception(message);
