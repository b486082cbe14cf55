using System.Buffers;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using System.Text.Unicode;

namespace Streaming.Platform.Contracts.Limits;

/// <summary>
/// One pass over a JSON document's bytes checking what the JSON grammar allows but the store
/// cannot hold or System.Text.Json cannot read back: every string and key valid UTF-8 with no
/// lone surrogate escape (<c>"\ud800"</c>, which makes <see cref="JsonElement.GetString"/>
/// throw) and no <c>\u0000</c> (PostgreSQL text and jsonb refuse it); keys at most
/// <see cref="EnvelopeLimits.MaxKeyBytes"/>; no key twice in one object (jsonb and
/// <c>JsonObject</c> disagree on which one wins, <c>JsonObject</c> throws); numbers within
/// <see cref="JsonNumberRules"/>. The first violation is returned with its JSON path.
/// </summary>
/// <remarks>
/// The pass allocates only on a violation (the path) and for an object of many keys (a hash
/// set, so a big object costs linear time, not quadratic). Keys are compared after unescaping,
/// so <c>"a"</c> and <c>"\u0061"</c> are the same key.
/// </remarks>
public static class JsonTextRules
{
    public const string InvalidUtf8Reason = "is not valid UTF-8";
    public const string DuplicateKeyReason = "is a duplicate key (a key may appear once per object)";

    private static ReadOnlySpan<byte> Utf8Bom => [0xEF, 0xBB, 0xBF];

    // Objects with more keys than this find duplicates through a hash set instead of a scan.
    private const int LinearKeyScanLimit = 16;

    /// <summary>
    /// Null when <paramref name="utf8Json"/> follows the rules, else the first violation. Throws
    /// <see cref="JsonException"/> when it is not JSON at all or nests deeper than <see cref="EnvelopeLimits.MaxDepth"/>.
    /// </summary>
    public static ContractViolation? Check(ReadOnlySpan<byte> utf8Json)
    {
        var scan = new Scan(utf8Json.StartsWith(Utf8Bom) ? utf8Json[Utf8Bom.Length..] : utf8Json);
        try
        {
            return scan.Run();
        }
        finally
        {
            scan.Return();
        }
    }

    private struct Frame
    {
        public bool IsArray;
        public int Index;
        public int KeysBase;
        public KeyRef Key;
        public Dictionary<int, int>? Hashes;
    }

    /// <summary>
    /// A key's unescaped bytes: in the input (unescaped keys) or in the scratch buffer (escaped
    /// ones). <see cref="Hash"/> is set only once its object has switched to a hash set.
    /// </summary>
    private readonly record struct KeyRef(int Hash, int Start, int Length, bool InScratch);

    private ref struct Scan
    {
        private readonly ReadOnlySpan<byte> _input;
        private Frame[] _frames;
        private KeyRef[] _keys;
        private byte[]? _scratch;
        private int _keyCount;
        private int _scratchLength;
        private int _depth;

        public Scan(ReadOnlySpan<byte> input)
        {
            _input = input;
            _frames = ArrayPool<Frame>.Shared.Rent(EnvelopeLimits.MaxDepth + 2);
            _keys = ArrayPool<KeyRef>.Shared.Rent(64);
        }

        public ContractViolation? Run()
        {
            var reader = new Utf8JsonReader(_input, new JsonReaderOptions { MaxDepth = EnvelopeLimits.MaxDepth });
            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.StartObject:
                    case JsonTokenType.StartArray:
                        NextValue();
                        _depth++;
                        _frames[_depth] = new Frame { IsArray = reader.TokenType == JsonTokenType.StartArray, Index = -1, KeysBase = _keyCount };
                        break;
                    case JsonTokenType.EndObject:
                    case JsonTokenType.EndArray:
                        _keyCount = _frames[_depth].KeysBase;
                        if (_keyCount == 0)
                        {
                            _scratchLength = 0;
                        }

                        _frames[_depth] = default;
                        _depth--;
                        break;
                    case JsonTokenType.PropertyName:
                        if (Key(ref reader) is { } keyViolation)
                        {
                            return keyViolation;
                        }

                        break;
                    case JsonTokenType.String:
                        NextValue();
                        if (CheckString(reader.ValueSpan, reader.ValueIsEscaped, out _) is { } reason)
                        {
                            return new ContractViolation(Path(includeCurrent: true), reason);
                        }

                        break;
                    case JsonTokenType.Number:
                        NextValue();
                        if (JsonNumberRules.Check(reader.ValueSpan) is { } numberReason)
                        {
                            return new ContractViolation(Path(includeCurrent: true), numberReason);
                        }

                        break;
                    default:
                        NextValue();
                        break;
                }
            }

            return null;
        }

        public readonly void Return()
        {
            ArrayPool<Frame>.Shared.Return(_frames, clearArray: true);
            ArrayPool<KeyRef>.Shared.Return(_keys);
            if (_scratch is not null)
            {
                ArrayPool<byte>.Shared.Return(_scratch);
            }
        }

        private readonly void NextValue()
        {
            if (_depth > 0 && _frames[_depth].IsArray)
            {
                _frames[_depth].Index++;
            }
        }

        private ContractViolation? Key(ref Utf8JsonReader reader)
        {
            var raw = reader.ValueSpan;
            if (CheckString(raw, reader.ValueIsEscaped, out var length) is { } reason)
            {
                return new ContractViolation(Path(includeCurrent: false), "a key " + reason);
            }

            if (length > EnvelopeLimits.MaxKeyBytes)
            {
                return new ContractViolation(Path(includeCurrent: false), "a key " + TextRules.TooLong(length, EnvelopeLimits.MaxKeyBytes));
            }

            KeyRef key;
            if (reader.ValueIsEscaped)
            {
                EnsureScratch(length);
                var written = reader.CopyString(_scratch.AsSpan(_scratchLength, length));
                key = new KeyRef(0, _scratchLength, written, InScratch: true);
                _scratchLength += written;
            }
            else
            {
                var start = (int)Unsafe.ByteOffset(ref MemoryMarshal.GetReference(_input), ref MemoryMarshal.GetReference(raw));
                key = new KeyRef(0, start, raw.Length, InScratch: false);
            }

            ref var frame = ref _frames[_depth];
            var duplicate = IsDuplicate(ref frame, ref key);
            frame.Key = key;
            if (duplicate)
            {
                return new ContractViolation(Path(includeCurrent: true), DuplicateKeyReason);
            }

            if (_keyCount == _keys.Length)
            {
                var bigger = ArrayPool<KeyRef>.Shared.Rent(_keys.Length * 2);
                _keys.AsSpan(0, _keyCount).CopyTo(bigger);
                ArrayPool<KeyRef>.Shared.Return(_keys);
                _keys = bigger;
            }

            _keys[_keyCount++] = key;
            return null;
        }

        /// <summary>
        /// Small objects (most) compare the key with each earlier one; from
        /// <see cref="LinearKeyScanLimit"/> keys on, a hash set of the keys decides, so a big object
        /// costs linear time. Hashes are computed only then.
        /// </summary>
        private readonly bool IsDuplicate(ref Frame frame, ref KeyRef key)
        {
            var bytes = Bytes(key);
            var count = _keyCount - frame.KeysBase;
            if (count < LinearKeyScanLimit)
            {
                for (var i = frame.KeysBase; i < _keyCount; i++)
                {
                    if (_keys[i].Length == bytes.Length && Bytes(_keys[i]).SequenceEqual(bytes))
                    {
                        return true;
                    }
                }

                return false;
            }

            if (frame.Hashes is null)
            {
                frame.Hashes = new Dictionary<int, int>(count * 2);
                for (var i = frame.KeysBase; i < _keyCount; i++)
                {
                    _keys[i] = _keys[i] with { Hash = Hash(Bytes(_keys[i])) };
                    frame.Hashes[_keys[i].Hash] = frame.Hashes.GetValueOrDefault(_keys[i].Hash) + 1;
                }
            }

            key = key with { Hash = Hash(bytes) };
            var seen = frame.Hashes.GetValueOrDefault(key.Hash);
            frame.Hashes[key.Hash] = seen + 1;
            if (seen == 0)
            {
                return false;
            }

            for (var i = frame.KeysBase; i < _keyCount; i++)
            {
                if (_keys[i].Hash == key.Hash && Bytes(_keys[i]).SequenceEqual(bytes))
                {
                    return true;
                }
            }

            return false;
        }

        private readonly ReadOnlySpan<byte> Bytes(KeyRef key) =>
            key.InScratch ? _scratch.AsSpan(key.Start, key.Length) : _input.Slice(key.Start, key.Length);

        private void EnsureScratch(int more)
        {
            if (_scratch is null || _scratchLength + more > _scratch.Length)
            {
                var bigger = ArrayPool<byte>.Shared.Rent(Math.Max(256, (_scratchLength + more) * 2));
                _scratch?.AsSpan(0, _scratchLength).CopyTo(bigger);
                if (_scratch is not null)
                {
                    ArrayPool<byte>.Shared.Return(_scratch);
                }

                _scratch = bigger;
            }
        }

        /// <summary>The path of the current value (or, without it, of the container being read), e.g. <c>batch[3].properties.total</c>.</summary>
        private readonly string Path(bool includeCurrent)
        {
            var path = new StringBuilder();
            for (var d = 1; d <= _depth; d++)
            {
                if (d == _depth && !includeCurrent)
                {
                    break;
                }

                var frame = _frames[d];
                if (frame.IsArray)
                {
                    path.Append(CultureInfo.InvariantCulture, $"[{Math.Max(0, frame.Index)}]");
                }
                else
                {
                    if (path.Length > 0)
                    {
                        path.Append('.');
                    }

                    path.Append(Encoding.UTF8.GetString(Bytes(frame.Key)));
                }
            }

            return path.Length == 0 ? "body" : path.ToString();
        }

        private static int Hash(ReadOnlySpan<byte> bytes)
        {
            // Seeded per process: a client cannot pick keys that collide.
            var hash = default(HashCode);
            hash.AddBytes(bytes);
            return hash.ToHashCode();
        }
    }

    /// <summary>
    /// Null when a string token (raw, as between its quotes) is valid UTF-8 without a lone
    /// surrogate or U+0000 escape, else the reason; <paramref name="utf8Length"/> is its length unescaped.
    /// The reader has checked the escape syntax already.
    /// </summary>
    internal static string? CheckString(ReadOnlySpan<byte> raw, bool escaped, out int utf8Length)
    {
        utf8Length = 0;
        if (!escaped)
        {
            utf8Length = raw.Length;
            return Utf8.IsValid(raw) ? null : InvalidUtf8Reason;
        }

        while (true)
        {
            var slash = raw.IndexOf((byte)'\\');
            var plain = slash < 0 ? raw : raw[..slash];
            if (!Utf8.IsValid(plain))
            {
                return InvalidUtf8Reason;
            }

            utf8Length += plain.Length;
            if (slash < 0)
            {
                return null;
            }

            if (raw[slash + 1] != 'u')
            {
                utf8Length++;
                raw = raw[(slash + 2)..];
                continue;
            }

            var unit = Hex4(raw.Slice(slash + 2, 4));
            raw = raw[(slash + 6)..];
            if (unit == 0)
            {
                return TextRules.NulReason;
            }

            if (char.IsLowSurrogate((char)unit))
            {
                return TextRules.LoneSurrogateReason;
            }

            if (char.IsHighSurrogate((char)unit))
            {
                if (raw.Length < 6 || raw[0] != '\\' || raw[1] != 'u' || !char.IsLowSurrogate((char)Hex4(raw.Slice(2, 4))))
                {
                    return TextRules.LoneSurrogateReason;
                }

                raw = raw[6..];
                utf8Length += 4;
                continue;
            }

            utf8Length += unit < 0x80 ? 1 : unit < 0x800 ? 2 : 3;
        }
    }

    private static int Hex4(ReadOnlySpan<byte> hex)
    {
        var value = 0;
        foreach (var b in hex)
        {
            value = (value << 4) | (b <= '9' ? b - '0' : (b | 0x20) - 'a' + 10);
        }

        return value;
    }
}
