using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using Microsoft.Extensions.Logging;
using Sesame.Model;
using Sesame.Net;

namespace Sesame.Linux.Logging;

/// <summary>
/// The daemon's one line format, <c>sesame event=grant list=secured src=203.0.113.7 timeout=30m …</c>, rendered from a
/// <c>[LoggerMessage]</c> event's structured state: the event name is the event's <see cref="EventId.Name"/> (up to a
/// '.', which only tells apart several lines that share a name, <c>error.lookup</c>), then the template's fields in their
/// order. A template is a list of <c>key={name}</c> (a value), <c>key={name:format}</c> (an <see cref="IFormattable"/> with
/// that format) and <c>key=word</c> (a constant) separated by single blanks; the key is the parameter's name in kebab
/// case (<c>openFor</c> → <c>open-for</c>). A null value leaves its field out. Values are quoted only when needed.
/// </summary>
public static class KeyValueLine
{
    private const string OriginalFormat = "{OriginalFormat}";

    private static readonly ConcurrentDictionary<string, Field[]?> Templates = new(StringComparer.Ordinal);

    /// <summary>
    /// Writes one line, without its end. <paramref name="state"/> is the event's state: the name/value pairs of a
    /// <c>[LoggerMessage]</c> method with its <c>{OriginalFormat}</c>; a state that follows no template is written as
    /// <c>message="…"</c> from <paramref name="formatted"/>.
    /// </summary>
    public static void Render(StringBuilder line, EventId eventId, object? state, Exception? exception, Func<string> formatted)
    {
        ArgumentNullException.ThrowIfNull(line);
        ArgumentNullException.ThrowIfNull(formatted);
        var pairs = state as IReadOnlyList<KeyValuePair<string, object?>>;
        Field[]? fields = pairs is not null && Find(pairs, OriginalFormat) is string template ? Templates.GetOrAdd(template, Compile) : null;
        string eventName = EventName(eventId);
        line.Append("sesame event=").Append(eventName);
        if (fields is null)
        {
            line.Append(" message=").Append(Quoted(formatted()));
        }
        else
        {
            foreach (Field field in fields)
            {
                if (field.Key == "event")
                {
                    continue;
                }

                string? text = field.Name is null ? field.Constant : Format(Find(pairs!, field.Name), field.Format);
                if (text is null || (field.Key is null && text.Length == 0))
                {
                    continue;
                }

                line.Append(' ');
                if (field.Key is not null)
                {
                    line.Append(field.Key).Append('=');
                }

                line.Append(text);
            }
        }

        if (exception is not null)
        {
            line.Append(" exception=").Append(Quoted(exception.GetType().Name + ": " + exception.Message));
        }
    }

    /// <summary>The line's event name: the event's name up to a '.' (<c>error.lookup</c> → <c>error</c>), <c>log</c> without one.</summary>
    public static string EventName(EventId eventId)
    {
        string? name = eventId.Name;
        if (string.IsNullOrEmpty(name))
        {
            return "log";
        }

        int dot = name.IndexOf('.', StringComparison.Ordinal);
        return Value(dot < 0 ? name : name[..dot]);
    }

    /// <summary>A parameter's name as a key: <c>openFor</c> → <c>open-for</c>, <c>layer7Rules</c> → <c>layer7-rules</c>.</summary>
    public static string Kebab(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var key = new StringBuilder(name.Length + 4);
        foreach (char c in name.TrimStart('@'))
        {
            if (char.IsUpper(c))
            {
                if (key.Length > 0)
                {
                    key.Append('-');
                }

                key.Append(char.ToLowerInvariant(c));
            }
            else
            {
                key.Append(c);
            }
        }

        return key.ToString();
    }

    /// <summary>A value as it is, or in quotes when it is empty or holds a blank, a quote, '=', '\' or a control character.</summary>
    public static string Value(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length > 0 && text.AsSpan().IndexOfAny(" \t\"=\\") < 0 && !text.Any(char.IsControl))
        {
            return text;
        }

        return Quoted(text);
    }

    /// <summary>Always in quotes, with <c>"</c> and <c>\</c> escaped and control characters (newline, ESC, NUL) as blanks.</summary>
    public static string Quoted(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var sb = new StringBuilder(text.Length + 2).Append('"');
        foreach (char c in text)
        {
            if (c is '"' or '\\')
            {
                sb.Append('\\');
            }

            sb.Append(char.IsControl(c) ? ' ' : c);
        }

        return sb.Append('"').ToString();
    }

    /// <summary>Reads <c>key=value …</c> text back: quotes removed, <c>\"</c> and <c>\\</c> undone; tokens without '=' left out.</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var pairs = new List<KeyValuePair<string, string>>();
        int i = 0;
        while (i < text.Length)
        {
            while (i < text.Length && text[i] == ' ')
            {
                i++;
            }

            int keyStart = i;
            while (i < text.Length && text[i] is not (' ' or '='))
            {
                i++;
            }

            if (i >= text.Length || text[i] != '=')
            {
                continue;
            }

            string key = text[keyStart..i++];
            var value = new StringBuilder();
            if (i < text.Length && text[i] == '"')
            {
                for (i++; i < text.Length && text[i] != '"'; i++)
                {
                    value.Append(text[i] == '\\' && i + 1 < text.Length ? text[++i] : text[i]);
                }

                i++;
            }
            else
            {
                for (; i < text.Length && text[i] != ' '; i++)
                {
                    value.Append(text[i]);
                }
            }

            pairs.Add(new(key, value.ToString()));
        }

        return pairs;
    }

    /// <summary>A value's text: typed values in the daemon's forms (<c>30m</c>, <c>ip</c>, <c>yes</c>), then quoted if needed.</summary>
    private static string? Format(object? value, string? format) => value switch
    {
        null => null,
        string text => Value(text),
        QuotedText quoted => Quoted(quoted.Text),
        bool flag => flag ? "yes" : "no",
        TimeSpan time => time == Timeout.InfiniteTimeSpan ? "none" : RouterOsTime.Format(time),
        IpFamily family => family == IpFamily.V4 ? "ip" : "ipv6",
        IFormattable formattable => Value(formattable.ToString(format, CultureInfo.InvariantCulture)),
        _ => Value(value.ToString() ?? ""),
    };

    private static object? Find(IReadOnlyList<KeyValuePair<string, object?>> pairs, string name)
    {
        for (int i = pairs.Count - 1; i >= 0; i--)
        {
            if (string.Equals(pairs[i].Key, name, StringComparison.Ordinal))
            {
                return pairs[i].Value;
            }
        }

        return null;
    }

    /// <summary>The fields of a template, or null when it is not one (a plain message).</summary>
    private static Field[]? Compile(string template)
    {
        if (template.Length == 0)
        {
            return [];
        }

        string[] tokens = template.Split(' ');
        var fields = new Field[tokens.Length];
        for (int i = 0; i < tokens.Length; i++)
        {
            string token = tokens[i];
            int equals = token.IndexOf('=', StringComparison.Ordinal);
            string? key = equals < 0 ? null : token[..equals];
            string rest = equals < 0 ? token : token[(equals + 1)..];
            if (key is not null && (key.Length == 0 || !key.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-')))
            {
                return null;
            }

            if (rest.Length >= 2 && rest[0] == '{' && rest[^1] == '}')
            {
                string inner = rest[1..^1];
                int colon = inner.IndexOf(':', StringComparison.Ordinal);
                fields[i] = new Field(key, colon < 0 ? inner : inner[..colon], colon < 0 ? null : inner[(colon + 1)..], null);
            }
            else if (key is not null && rest.Length > 0 && rest.IndexOfAny(['{', '}']) < 0)
            {
                fields[i] = new Field(key, null, null, rest);
            }
            else
            {
                return null;
            }
        }

        return fields;
    }

    /// <summary>Which of a template's parts are values (<see cref="Name"/>) and which are constants.</summary>
    private readonly record struct Field(string? Key, string? Name, string? Format, string? Constant);
}
