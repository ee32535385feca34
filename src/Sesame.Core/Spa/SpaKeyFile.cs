using System.Text;

namespace Sesame.Spa;

/// <summary>
/// Key files: what <c>fwknop --key-gen</c> prints (<c>KEY_BASE64: …</c>, <c>HMAC_KEY_BASE64: …</c>), also in the
/// <c>~/.fwknoprc</c>/access.conf spelling (<c>KEY_BASE64  …</c>), with an optional <c>HMAC_DIGEST_TYPE</c>; <c>#</c> starts
/// a comment. A key file is a secret: <see cref="Read"/> refuses one that others may read or write.
/// </summary>
/// <remarks>
/// Also accepted, as in fwknop's files: <c>KEY</c> and <c>HMAC_KEY</c> (the key as text rather than base64). Nothing else:
/// a key file with unknown lines is refused rather than half understood. Messages never quote a value, since a value is
/// a secret (and a stray line might be a pasted key).
/// </remarks>
public static class SpaKeyFile
{
    /// <summary>The largest key file read (a key file is a few lines).</summary>
    public const int MaxLength = 64 * 1024;

    private const UnixFileMode OtherBits = UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;

    /// <summary>Reads and parses <paramref name="path"/>: it must be a regular file, at most <see cref="MaxLength"/> bytes, with no permission bits for others.</summary>
    /// <exception cref="SpaKeyFileException">Missing, unreadable, readable or writable by others, too long, or not a key file (line and column named).</exception>
    public static SpaKeys Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        byte[] bytes;
        try
        {
            var info = new FileInfo(path);
            if (info.LinkTarget is not null)
            {
                // Judge what the link points at: that file's mode is the one that protects the key.
                info = File.ResolveLinkTarget(path, returnFinalTarget: true) as FileInfo ?? info;
            }

            if (Directory.Exists(info.FullName))
            {
                throw new SpaKeyFileException($"{path}: not a regular file (a directory)");
            }

            if (!info.Exists)
            {
                throw new SpaKeyFileException($"{path}: no such key file");
            }

            if (!OperatingSystem.IsWindows() && (info.UnixFileMode & OtherBits) != 0)
            {
                throw new SpaKeyFileException(
                    $"{path}: the key file may be read or written by others (mode {ModeText(info.UnixFileMode)}); " +
                    $"a key file is a secret: chmod o-rwx '{path}' (0600 is usual)");
            }

            if (info.Length > MaxLength)
            {
                throw new SpaKeyFileException($"{path}: too long for a key file ({info.Length} bytes, at most {MaxLength})");
            }

            using var stream = new FileStream(info.FullName, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.None);
            if (!stream.CanSeek)
            {
                throw new SpaKeyFileException($"{path}: not a regular file");
            }

            // Read at most one byte past the limit: a device that never ends (/dev/zero) is refused, not read forever.
            bytes = new byte[MaxLength + 1];
            int total = 0;
            int n;
            while (total < bytes.Length && (n = stream.Read(bytes, total, bytes.Length - total)) > 0)
            {
                total += n;
            }

            if (total > MaxLength)
            {
                throw new SpaKeyFileException($"{path}: too long for a key file (more than {MaxLength} bytes)");
            }

            Array.Resize(ref bytes, total);
        }
        catch (FileNotFoundException)
        {
            throw new SpaKeyFileException($"{path}: no such key file");
        }
        catch (DirectoryNotFoundException)
        {
            throw new SpaKeyFileException($"{path}: no such key file (a directory on the way is missing)");
        }
        catch (UnauthorizedAccessException)
        {
            throw new SpaKeyFileException($"{path}: permission denied reading the key file");
        }
        catch (IOException e)
        {
            throw new SpaKeyFileException($"{path}: cannot read the key file: {e.Message}");
        }

        string text;
        try
        {
            text = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            throw new SpaKeyFileException($"{path}: not a key file (not UTF-8 text)");
        }
        finally
        {
            Array.Clear(bytes);
        }

        return Parse(text, path);
    }

    /// <summary>Parses the text of a key file; <paramref name="path"/> only names the place in messages.</summary>
    /// <exception cref="SpaKeyFileException">A line that is not a key, bad base64, a key of the wrong length, a key missing.</exception>
    public static SpaKeys Parse(string text, string path)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(path);
        byte[]? key = null;
        byte[]? hmacKey = null;
        SpaHmacType? hmacType = null;
        int keyLine = 0;
        int hmacLine = 0;
        int lineNumber = 0;
        foreach (ReadOnlySpan<char> rawLine in text.AsSpan().EnumerateLines())
        {
            lineNumber++;
            ReadOnlySpan<char> line = rawLine;
            int hash = line.IndexOf('#');
            if (hash >= 0)
            {
                line = line[..hash];
            }

            int start = 0;
            while (start < line.Length && char.IsWhiteSpace(line[start]))
            {
                start++;
            }

            if (start == line.Length)
            {
                continue;
            }

            int nameEnd = start;
            while (nameEnd < line.Length && (char.IsAsciiLetterUpper(line[nameEnd]) || char.IsAsciiDigit(line[nameEnd]) || line[nameEnd] == '_'))
            {
                nameEnd++;
            }

            ReadOnlySpan<char> name = line[start..nameEnd];
            int valueStart = nameEnd;
            if (valueStart < line.Length && line[valueStart] == ':')
            {
                valueStart++;
            }

            bool separated = valueStart > nameEnd || (valueStart < line.Length && char.IsWhiteSpace(line[valueStart]));
            while (valueStart < line.Length && char.IsWhiteSpace(line[valueStart]))
            {
                valueStart++;
            }

            ReadOnlySpan<char> value = line[valueStart..].TrimEnd();
            string place = $"{path}:{lineNumber}:{start + 1}";
            if (name.Length == 0 || (!separated && nameEnd < line.Length))
            {
                throw new SpaKeyFileException(
                    $"{place}: not a key file line; expected NAME VALUE with NAME one of KEY_BASE64, HMAC_KEY_BASE64, HMAC_DIGEST_TYPE, KEY, HMAC_KEY");
            }

            string valuePlace = $"{path}:{lineNumber}:{valueStart + 1}";
            if (value.Length == 0)
            {
                throw new SpaKeyFileException($"{valuePlace}: {name} has no value");
            }

            switch (name)
            {
                case "KEY_BASE64":
                case "KEY":
                    if (key is not null)
                    {
                        throw new SpaKeyFileException($"{place}: a second Rijndael key (the first is on line {keyLine})");
                    }

                    key = KeyValue(name, value, SpaKeys.MaxEncryptionKeyLength, valuePlace);
                    keyLine = lineNumber;
                    break;
                case "HMAC_KEY_BASE64":
                case "HMAC_KEY":
                    if (hmacKey is not null)
                    {
                        throw new SpaKeyFileException($"{place}: a second HMAC key (the first is on line {hmacLine})");
                    }

                    hmacKey = KeyValue(name, value, SpaKeys.MaxHmacKeyLength, valuePlace);
                    hmacLine = lineNumber;
                    break;
                case "HMAC_DIGEST_TYPE":
                    if (hmacType is not null)
                    {
                        throw new SpaKeyFileException($"{place}: a second HMAC_DIGEST_TYPE");
                    }

                    hmacType = value.ToString().ToUpperInvariant() switch
                    {
                        "SHA256" => SpaHmacType.Sha256,
                        "SHA384" => SpaHmacType.Sha384,
                        "SHA512" => SpaHmacType.Sha512,
                        _ => throw new SpaKeyFileException($"{valuePlace}: HMAC_DIGEST_TYPE must be SHA256, SHA384 or SHA512"),
                    };
                    break;
                default:
                    throw new SpaKeyFileException(
                        $"{place}: '{(name.Length <= 40 ? name : name[..40])}' is not a key file setting; expected KEY_BASE64, HMAC_KEY_BASE64, HMAC_DIGEST_TYPE, KEY or HMAC_KEY");
            }
        }

        if (key is null)
        {
            throw new SpaKeyFileException($"{path}: no KEY_BASE64 (the Rijndael key; `fwknop --key-gen` or `sesame keygen` makes a pair)");
        }

        if (hmacKey is null)
        {
            throw new SpaKeyFileException($"{path}: no HMAC_KEY_BASE64 (Sesame requires the HMAC; `fwknop --key-gen` or `sesame keygen` makes a pair)");
        }

        try
        {
            return new SpaKeys(key, hmacKey, hmacType ?? SpaHmacType.Sha256);
        }
        finally
        {
            Array.Clear(key);
            Array.Clear(hmacKey);
        }
    }

    /// <summary>The key file text for <paramref name="keys"/>, as <c>fwknop --key-gen</c> prints it.</summary>
    public static string Format(SpaKeys keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var text = new StringBuilder();
        text.Append("KEY_BASE64: ").Append(Convert.ToBase64String(keys.EncryptionKey)).Append('\n');
        text.Append("HMAC_KEY_BASE64: ").Append(Convert.ToBase64String(keys.HmacKey)).Append('\n');
        if (keys.HmacType != SpaHmacType.Sha256)
        {
            text.Append("HMAC_DIGEST_TYPE: ").Append(keys.HmacType.ToString().ToUpperInvariant()).Append('\n');
        }

        return text.ToString();
    }

    private static byte[] KeyValue(ReadOnlySpan<char> name, ReadOnlySpan<char> value, int maxLength, string place)
    {
        byte[] bytes;
        if (name.EndsWith("_BASE64"))
        {
            bytes = new byte[(value.Length / 4 * 3) + 3];
            if (!Convert.TryFromBase64Chars(value, bytes, out int written))
            {
                Array.Clear(bytes);
                throw new SpaKeyFileException($"{place}: {name} is not valid base64");
            }

            byte[] exact = bytes[..written];
            Array.Clear(bytes);
            bytes = exact;
        }
        else
        {
            bytes = Encoding.UTF8.GetBytes(value.ToString());
        }

        if (bytes.Length == 0 || bytes.Length > maxLength)
        {
            int length = bytes.Length;
            Array.Clear(bytes);
            throw new SpaKeyFileException($"{place}: {name} holds {length} bytes; it must hold 1 to {maxLength}");
        }

        return bytes;
    }

    private static string ModeText(UnixFileMode mode) => Convert.ToString((int)mode & 0x1FF, 8).PadLeft(4, '0');
}

/// <summary>A key file that cannot be used; the message names the file (and line:column where there is one) and never holds key bytes.</summary>
public sealed class SpaKeyFileException(string message) : Exception(message);
