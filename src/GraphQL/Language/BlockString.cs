using System.Text;

namespace Streaming.GraphQL.Language;

/// <summary>Block string rules (https://spec.graphql.org/October2021/#BlockStringValue()), and printing like graphql-js.</summary>
public static class BlockString
{
    /// <summary>Removes the common indentation and leading and trailing blank lines.</summary>
    public static string DedentValue(string raw)
    {
        ArgumentNullException.ThrowIfNull(raw);
        var lines = raw.Split(["\r\n", "\n", "\r"], StringSplitOptions.None);
        int? common = null;
        var first = -1;
        var last = -1;
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            var indent = 0;
            while (indent < line.Length && (line[indent] == ' ' || line[indent] == '\t'))
            {
                indent++;
            }

            if (indent == line.Length)
            {
                continue;
            }

            first = first < 0 ? i : first;
            last = i;
            if (i != 0 && (common is null || indent < common))
            {
                common = indent;
            }
        }

        if (first < 0)
        {
            return string.Empty;
        }

        var builder = new StringBuilder();
        for (var i = first; i <= last; i++)
        {
            var line = lines[i];
            if (i != 0 && common is { } c)
            {
                line = line.Length >= c ? line[c..] : string.Empty;
            }

            if (i > first)
            {
                builder.Append('\n');
            }

            builder.Append(line);
        }

        return builder.ToString();
    }

    /// <summary>Whether graphql-js would print this text as a block string (its isPrintableAsBlockString).</summary>
    public static bool IsPrintable(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.Length == 0)
        {
            return true;
        }

        bool isEmptyLine = true, hasIndent = false, hasCommonIndent = true, seenNonEmptyLine = false;
        foreach (var c in value)
        {
            switch (c)
            {
                case < '\t' or '\u000b' or '\u000c' or '\u000e' or '\u000f' or '\r':
                    return false;
                case '\n':
                    if (isEmptyLine && !seenNonEmptyLine)
                    {
                        return false;
                    }

                    seenNonEmptyLine = true;
                    isEmptyLine = true;
                    hasIndent = false;
                    break;
                case '\t' or ' ':
                    hasIndent = hasIndent || isEmptyLine;
                    break;
                default:
                    hasCommonIndent = hasCommonIndent && hasIndent;
                    isEmptyLine = false;
                    break;
            }
        }

        return !isEmptyLine && !(hasCommonIndent && seenNonEmptyLine);
    }

    /// <summary>graphql-js's printBlockString.</summary>
    public static string Print(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var escaped = value.Replace("\"\"\"", "\\\"\"\"", StringComparison.Ordinal);
        var lines = escaped.Split(["\r\n", "\n", "\r"], StringSplitOptions.None);
        var isSingleLine = lines.Length == 1;
        var forceLeadingNewLine = lines.Length > 1 && lines.Skip(1).All(l => l.Length == 0 || l[0] == ' ' || l[0] == '\t');
        var hasTrailingTripleQuotes = escaped.EndsWith("\\\"\"\"", StringComparison.Ordinal);
        var hasTrailingQuote = value.EndsWith('"') && !hasTrailingTripleQuotes;
        var hasTrailingSlash = value.EndsWith('\\');
        var forceTrailingNewline = hasTrailingQuote || hasTrailingSlash;
        var printAsMultipleLines = !isSingleLine || value.Length > 70 || forceTrailingNewline || forceLeadingNewLine || hasTrailingTripleQuotes;
        var result = new StringBuilder();
        var skipLeadingNewLine = isSingleLine && value.Length > 0 && (value[0] == ' ' || value[0] == '\t');
        if ((printAsMultipleLines && !skipLeadingNewLine) || forceLeadingNewLine)
        {
            result.Append('\n');
        }

        result.Append(escaped);
        if (printAsMultipleLines || forceTrailingNewline)
        {
            result.Append('\n');
        }

        return "\"\"\"" + result + "\"\"\"";
    }
}
