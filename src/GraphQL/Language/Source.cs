using System.Text;

namespace Streaming.GraphQL.Language;

/// <summary>A GraphQL document's UTF-8 text. Line and column are computed only when an error needs them.</summary>
public sealed class Source
{
    public Source(string text, string name = "GraphQL request")
    {
        ArgumentNullException.ThrowIfNull(text);
        Text = text;
        Body = Encoding.UTF8.GetBytes(text);
        Name = name;
    }

    public string Text { get; }

    public byte[] Body { get; }

    public string Name { get; }

    /// <summary>1-based line and column (in UTF-16 code units, as graphql-js counts) of a byte offset.</summary>
    public SourceLocation GetLocation(int offset)
    {
        var line = 1;
        var lineStart = 0;
        for (var i = 0; i < offset && i < Body.Length; i++)
        {
            var b = Body[i];
            if (b == '\n' || (b == '\r' && (i + 1 >= Body.Length || Body[i + 1] != '\n')))
            {
                line++;
                lineStart = i + 1;
            }
            else if (b == '\r')
            {
                // \r\n counts once, at the \n.
            }
        }

        var length = Math.Min(offset, Body.Length) - lineStart;
        return new SourceLocation(line, Encoding.UTF8.GetCharCount(Body, lineStart, Math.Max(0, length)) + 1);
    }

    /// <summary>The lines around a location with a caret under the column, as graphql-js's printLocation prints them.</summary>
    public string PrintLocation(SourceLocation location)
    {
        var lines = Text.Split(["\r\n", "\n", "\r"], StringSplitOptions.None);
        var lineIndex = location.Line - 1;
        var rows = new List<(string Prefix, string Line)>();
        if (lineIndex - 1 >= 0 && lineIndex - 1 < lines.Length)
        {
            rows.Add(($"{location.Line - 1} |", lines[lineIndex - 1]));
        }

        if (lineIndex < lines.Length)
        {
            rows.Add(($"{location.Line} |", lines[lineIndex]));
        }

        rows.Add(("|", new string(' ', location.Column - 1) + "^"));
        if (lineIndex + 1 < lines.Length)
        {
            rows.Add(($"{location.Line + 1} |", lines[lineIndex + 1]));
        }

        var width = rows.Max(r => r.Prefix.Length);
        var builder = new StringBuilder();
        builder.Append(Name).Append(':').Append(location.Line).Append(':').Append(location.Column).Append('\n');
        builder.AppendJoin('\n', rows.Select(r => r.Prefix.PadLeft(width) + (r.Line.Length > 0 ? " " + r.Line : string.Empty)));
        return builder.ToString();
    }
}

/// <summary>A 1-based line and column, as the GraphQL response format reports them.</summary>
public readonly record struct SourceLocation(int Line, int Column);
