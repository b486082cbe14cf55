using System.Globalization;
using System.Text;

namespace Streaming.GraphQL.Language;

/// <summary>
/// Reads tokens from UTF-8 bytes (https://spec.graphql.org/October2021/#sec-Language.Source-Text).
/// Ignored tokens (white space, commas, comments, BOM) are skipped; error texts match graphql-js.
/// </summary>
public sealed class Lexer
{
    private readonly byte[] _body;
    private readonly Source _source;

    public Lexer(Source source)
    {
        ArgumentNullException.ThrowIfNull(source);
        _source = source;
        _body = source.Body;
        Token = new Token(TokenKind.StartOfFile, 0, 0, null);
    }

    public Token Token { get; private set; }

    /// <summary>End of the token before the current one: where a node that ended there ends.</summary>
    public int LastEnd { get; private set; }

    public int TokenCount { get; private set; }

    public Token Advance()
    {
        LastEnd = Token.End;
        if (Token.Kind != TokenKind.EndOfFile)
        {
            Token = ReadToken(Token.End);
            TokenCount++;
        }

        return Token;
    }

    /// <summary>The token after the current one, without consuming it.</summary>
    public Token Lookahead() => Token.Kind == TokenKind.EndOfFile ? Token : ReadToken(Token.End);

    private GraphQLSyntaxException Error(int offset, string description) => new(_source, offset, description);

    private Token ReadToken(int start)
    {
        var body = _body;
        var position = start;
        while (position < body.Length)
        {
            var code = body[position];
            switch (code)
            {
                case 0xEF when position + 2 < body.Length && body[position + 1] == 0xBB && body[position + 2] == 0xBF:
                    position += 3;
                    continue;
                case (byte)'\t' or (byte)' ' or (byte)',' or (byte)'\n' or (byte)'\r':
                    position++;
                    continue;
                case (byte)'#':
                    position++;
                    while (position < body.Length && body[position] != '\n' && body[position] != '\r')
                    {
                        position++;
                    }

                    continue;
                case (byte)'!': return new Token(TokenKind.Bang, position, position + 1, null);
                case (byte)'$': return new Token(TokenKind.Dollar, position, position + 1, null);
                case (byte)'&': return new Token(TokenKind.Amp, position, position + 1, null);
                case (byte)'(': return new Token(TokenKind.ParenL, position, position + 1, null);
                case (byte)')': return new Token(TokenKind.ParenR, position, position + 1, null);
                case (byte)'.':
                    if (position + 2 < body.Length && body[position + 1] == '.' && body[position + 2] == '.')
                    {
                        return new Token(TokenKind.Spread, position, position + 3, null);
                    }

                    break;
                case (byte)':': return new Token(TokenKind.Colon, position, position + 1, null);
                case (byte)'=': return new Token(TokenKind.Equals, position, position + 1, null);
                case (byte)'@': return new Token(TokenKind.At, position, position + 1, null);
                case (byte)'[': return new Token(TokenKind.BracketL, position, position + 1, null);
                case (byte)']': return new Token(TokenKind.BracketR, position, position + 1, null);
                case (byte)'{': return new Token(TokenKind.BraceL, position, position + 1, null);
                case (byte)'|': return new Token(TokenKind.Pipe, position, position + 1, null);
                case (byte)'}': return new Token(TokenKind.BraceR, position, position + 1, null);
                case (byte)'"':
                    return position + 2 < body.Length && body[position + 1] == '"' && body[position + 2] == '"'
                        ? ReadBlockString(position)
                        : ReadString(position);
                default:
                    break;
            }

            if (IsDigit(code) || code == '-')
            {
                return ReadNumber(position, code);
            }

            if (IsNameStart(code))
            {
                return ReadName(position);
            }

            throw Error(position, code == '\''
                ? "Unexpected single quote character ('), did you mean to use a double quote (\")?"
                : $"Unexpected character: {PrintCodePointAt(position)}.");
        }

        return new Token(TokenKind.EndOfFile, body.Length, body.Length, null);
    }

    private static bool IsDigit(byte code) => code is >= (byte)'0' and <= (byte)'9';

    private static bool IsNameStart(byte code) => code is >= (byte)'a' and <= (byte)'z' or >= (byte)'A' and <= (byte)'Z' or (byte)'_';

    private static bool IsNameContinue(byte code) => IsNameStart(code) || IsDigit(code);

    /// <summary>A code point as graphql-js prints it in errors: <c>"a"</c> for printable ASCII, else <c>U+0007</c>.</summary>
    private string PrintCodePointAt(int position)
    {
        if (position >= _body.Length)
        {
            return "<EOF>";
        }

        var status = Rune.DecodeFromUtf8(_body.AsSpan(position), out var rune, out _);
        var value = status == System.Buffers.OperationStatus.Done ? rune.Value : _body[position];
        if (value is >= 0x20 and <= 0x7E)
        {
            return value == '"' ? "'\"'" : $"\"{(char)value}\"";
        }

        return "U+" + value.ToString("X4", CultureInfo.InvariantCulture);
    }

    // https://spec.graphql.org/October2021/#Name
    private Token ReadName(int start)
    {
        var position = start + 1;
        while (position < _body.Length && IsNameContinue(_body[position]))
        {
            position++;
        }

        return new Token(TokenKind.Name, start, position, Encoding.UTF8.GetString(_body, start, position - start));
    }

    // https://spec.graphql.org/October2021/#IntValue and #FloatValue
    private Token ReadNumber(int start, byte first)
    {
        var position = start;
        var code = first;
        var isFloat = false;
        if (code == '-')
        {
            code = At(++position);
        }

        if (code == '0')
        {
            code = At(++position);
            if (IsDigit(code))
            {
                throw Error(position, $"Invalid number, unexpected digit after 0: {PrintCodePointAt(position)}.");
            }
        }
        else
        {
            position = ReadDigits(position, code);
            code = At(position);
        }

        if (code == '.')
        {
            isFloat = true;
            position = ReadDigits(position + 1, At(position + 1));
            code = At(position);
        }

        if (code is (byte)'E' or (byte)'e')
        {
            isFloat = true;
            code = At(++position);
            if (code is (byte)'+' or (byte)'-')
            {
                code = At(++position);
            }

            position = ReadDigits(position, code);
            code = At(position);
        }

        if (code == '.' || IsNameStart(code))
        {
            throw Error(position, $"Invalid number, expected digit but got: {PrintCodePointAt(position)}.");
        }

        return new Token(isFloat ? TokenKind.Float : TokenKind.Int, start, position, Encoding.UTF8.GetString(_body, start, position - start));
    }

    private byte At(int position) => position < _body.Length ? _body[position] : (byte)0;

    private int ReadDigits(int start, byte first)
    {
        if (start >= _body.Length || !IsDigit(first))
        {
            throw Error(start, $"Invalid number, expected digit but got: {PrintCodePointAt(start)}.");
        }

        var position = start + 1;
        while (position < _body.Length && IsDigit(_body[position]))
        {
            position++;
        }

        return position;
    }

    // https://spec.graphql.org/October2021/#StringValue
    private Token ReadString(int start)
    {
        var position = start + 1;
        var chunkStart = position;
        StringBuilder? value = null;
        while (position < _body.Length)
        {
            var code = _body[position];
            if (code == '"')
            {
                var text = value is null
                    ? Encoding.UTF8.GetString(_body, chunkStart, position - chunkStart)
                    : value.Append(Encoding.UTF8.GetString(_body, chunkStart, position - chunkStart)).ToString();
                return new Token(TokenKind.String, start, position + 1, text);
            }

            if (code == '\\')
            {
                value ??= new StringBuilder();
                value.Append(Encoding.UTF8.GetString(_body, chunkStart, position - chunkStart));
                position = ReadEscape(position, value);
                chunkStart = position;
                continue;
            }

            if (code is (byte)'\n' or (byte)'\r')
            {
                break;
            }

            if (code < 0x20 && code != '\t')
            {
                throw Error(position, $"Invalid character within String: {PrintCodePointAt(position)}.");
            }

            position++;
        }

        throw Error(position, "Unterminated string.");
    }

    private int ReadEscape(int position, StringBuilder value)
    {
        var code = At(position + 1);
        switch (code)
        {
            case (byte)'"': value.Append('"'); return position + 2;
            case (byte)'\\': value.Append('\\'); return position + 2;
            case (byte)'/': value.Append('/'); return position + 2;
            case (byte)'b': value.Append('\b'); return position + 2;
            case (byte)'f': value.Append('\f'); return position + 2;
            case (byte)'n': value.Append('\n'); return position + 2;
            case (byte)'r': value.Append('\r'); return position + 2;
            case (byte)'t': value.Append('\t'); return position + 2;
            case (byte)'u':
                return ReadUnicodeEscape(position, value);
            default:
                var shown = Encoding.UTF8.GetString(_body, position, Math.Min(2, _body.Length - position));
                throw Error(position, $"Invalid character escape sequence: \"{shown}\".");
        }
    }

    private int ReadUnicodeEscape(int position, StringBuilder value)
    {
        if (At(position + 2) == '{')
        {
            var end = position + 3;
            var point = 0;
            while (end < _body.Length && end - position < 12 && _body[end] != '}')
            {
                var digit = HexValue(_body[end]);
                if (digit < 0)
                {
                    break;
                }

                point = (point << 4) | digit;
                end++;
            }

            if (At(end) == '}' && end > position + 3 && Rune.IsValid(point))
            {
                value.Append(new Rune(point).ToString());
                return end + 1;
            }

            throw Error(position, $"Invalid Unicode escape sequence: \"{Encoding.UTF8.GetString(_body, position, Math.Min(end + 1, _body.Length) - position)}\".");
        }

        var code = Read4Hex(position + 2);
        if (code >= 0)
        {
            if (char.IsHighSurrogate((char)code) && At(position + 6) == '\\' && At(position + 7) == 'u')
            {
                var low = Read4Hex(position + 8);
                if (low >= 0 && char.IsLowSurrogate((char)low))
                {
                    value.Append((char)code).Append((char)low);
                    return position + 12;
                }
            }

            if (!char.IsSurrogate((char)code))
            {
                value.Append((char)code);
                return position + 6;
            }
        }

        throw Error(position, $"Invalid Unicode escape sequence: \"{Encoding.UTF8.GetString(_body, position, Math.Min(6, _body.Length - position))}\".");
    }

    private int Read4Hex(int position)
    {
        var result = 0;
        for (var i = 0; i < 4; i++)
        {
            var digit = HexValue(At(position + i));
            if (digit < 0)
            {
                return -1;
            }

            result = (result << 4) | digit;
        }

        return result;
    }

    private static int HexValue(byte code) => code switch
    {
        >= (byte)'0' and <= (byte)'9' => code - '0',
        >= (byte)'a' and <= (byte)'f' => code - 'a' + 10,
        >= (byte)'A' and <= (byte)'F' => code - 'A' + 10,
        _ => -1,
    };

    // https://spec.graphql.org/October2021/#BlockStringCharacter
    private Token ReadBlockString(int start)
    {
        var position = start + 3;
        var chunkStart = position;
        var raw = new StringBuilder();
        while (position < _body.Length)
        {
            var code = _body[position];
            if (code == '"' && At(position + 1) == '"' && At(position + 2) == '"')
            {
                raw.Append(Encoding.UTF8.GetString(_body, chunkStart, position - chunkStart));
                return new Token(TokenKind.BlockString, start, position + 3, BlockString.DedentValue(raw.ToString()));
            }

            if (code == '\\' && At(position + 1) == '"' && At(position + 2) == '"' && At(position + 3) == '"')
            {
                raw.Append(Encoding.UTF8.GetString(_body, chunkStart, position - chunkStart)).Append("\"\"\"");
                position += 4;
                chunkStart = position;
                continue;
            }

            if (code < 0x20 && code is not ((byte)'\t' or (byte)'\n' or (byte)'\r'))
            {
                throw Error(position, $"Invalid character within String: {PrintCodePointAt(position)}.");
            }

            position++;
        }

        throw Error(position, "Unterminated string.");
    }
}
