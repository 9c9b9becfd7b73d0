using System;
using System.Buffers.Text;
using System.Runtime.CompilerServices;
#if NET8_0_OR_GREATER
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
#endif
using System.Text.Json;

namespace ErrorCodeGen
{
    /// <summary>
    /// The forward-only JSON token reader of the read path: one span of UTF-8, read to its end, with the rules
    /// <see cref="ErrorResponseReader"/> gives <see cref="Utf8JsonReader"/> (no comments, no trailing commas, at most
    /// <see cref="ReaderLimits.MaxDepth"/> levels, the span is the whole body). It accepts and rejects exactly what
    /// <see cref="Utf8JsonReader"/> does with those rules, rejects at the same token, and reports each token as it does
    /// (<see cref="TokenType"/>, <see cref="ValueSpan"/>, <see cref="TokenStartIndex"/>, <see cref="BytesConsumed"/>,
    /// <see cref="ValueIsEscaped"/>, <see cref="CurrentDepth"/>); JsonTokenReaderTests holds the two side by side on
    /// hostile and mutated bodies.
    /// </summary>
    /// <remarks>
    /// <para>
    /// Why not <see cref="Utf8JsonReader"/> itself: on a small error body its general machinery (segments, partial
    /// blocks, comment modes, a state it can hand on) was a third of the whole error path; this reader does only what one
    /// final block needs. What it does not need to be fast at, it hands to <see cref="Utf8JsonReader"/> over the token's
    /// own bytes, so that the result is its result: unescaping (<see cref="GetString"/>, <see cref="ValueTextEquals"/>) and
    /// floating-point numbers (<see cref="TryGetDouble"/>, <see cref="TryGetDecimal"/>).
    /// </para>
    /// <para>
    /// As <see cref="Utf8JsonReader"/>, it checks the JSON grammar, not the UTF-8 inside strings (the reader checks that
    /// after a successful read), and it does not check that a <c>\u</c> escape makes a valid UTF-16 pair (unescaping
    /// does). A rejected body throws <see cref="JsonException"/>; the reader then runs the failure path, which diagnoses
    /// the body with <see cref="Utf8JsonReader"/>, so every problem text is the one it was.
    /// </para>
    /// </remarks>
    internal ref struct JsonTokenReader
    {
        private readonly ReadOnlySpan<byte> _data;
        private int _consumed;
        private int _tokenStart;
        private int _valueLength;

        // The open containers: how many, and one bit each (set for an object), the innermost in bit _depth - 1.
        private int _depth;
        private ulong _objects;
        private JsonTokenType _tokenType;
        private bool _escaped;

        /// <summary>A reader over <paramref name="data"/>, the whole of one JSON text.</summary>
        public JsonTokenReader(ReadOnlySpan<byte> data)
        {
            _data = data;
            _consumed = 0;
            _tokenStart = 0;
            _valueLength = 0;
            _depth = 0;
            _objects = 0;
            _tokenType = JsonTokenType.None;
            _escaped = false;
        }

        /// <summary>The type of the token read last.</summary>
        public readonly JsonTokenType TokenType => _tokenType;

        /// <summary>
        /// The token's bytes: a string's or property name's between its quotes (as written, escapes and all), a number's or
        /// literal's text, the one byte of a brace or bracket.
        /// </summary>
        public readonly ReadOnlySpan<byte> ValueSpan
            => _data.Slice(_tokenType == JsonTokenType.String || _tokenType == JsonTokenType.PropertyName ? _tokenStart + 1 : _tokenStart, _valueLength);

        /// <summary>Whether the string or property name has a backslash escape in it.</summary>
        public readonly bool ValueIsEscaped => _escaped;

        /// <summary>Where the token starts (a string's or name's opening quote).</summary>
        public readonly int TokenStartIndex => _tokenStart;

        /// <summary>How far the reader has read: just past the token (past the colon, for a property name).</summary>
        public readonly int BytesConsumed => _consumed;

        /// <summary>The token's depth, as <see cref="Utf8JsonReader.CurrentDepth"/> gives it (a container's own brace is at the depth outside it).</summary>
        public readonly int CurrentDepth
            => _tokenType == JsonTokenType.StartObject || _tokenType == JsonTokenType.StartArray ? _depth - 1 : _depth;

        /// <summary>Reads the next token: false at the end of the text, after the whole root value.</summary>
        /// <exception cref="JsonException">The text is not JSON (or nests too deep) at this token.</exception>
        public bool Read()
        {
            ReadOnlySpan<byte> data = _data;
            int i = SkipWhiteSpace(data, _consumed);
            switch (_tokenType)
            {
                case JsonTokenType.None:
                case JsonTokenType.PropertyName:
                    // The root value, or a name's. A byte-order mark is refused here, as by Utf8JsonReader (the reader strips
                    // one before).
                    ReadValue(data, i);
                    return true;

                case JsonTokenType.StartObject:
                    if ((uint)i < (uint)data.Length && data[i] == (byte)'}')
                    {
                        EndContainer(i);
                    }
                    else
                    {
                        ReadPropertyName(data, i);
                    }

                    return true;

                case JsonTokenType.StartArray:
                    if ((uint)i < (uint)data.Length && data[i] == (byte)']')
                    {
                        EndContainer(i);
                    }
                    else
                    {
                        ReadValue(data, i);
                    }

                    return true;

                default:
                    // After a value.
                    if (_depth == 0)
                    {
                        if (i < data.Length)
                        {
                            throw Invalid(i);
                        }

                        _consumed = i;
                        return false;
                    }

                    if ((uint)i >= (uint)data.Length)
                    {
                        throw Invalid(i);
                    }

                    byte c = data[i];
                    bool inObject = (_objects & (1UL << (_depth - 1))) != 0;
                    if (c == (byte)',')
                    {
                        i = SkipWhiteSpace(data, i + 1);
                        if (inObject)
                        {
                            ReadPropertyName(data, i);
                        }
                        else
                        {
                            ReadValue(data, i);
                        }
                    }
                    else if (c == (inObject ? (byte)'}' : (byte)']'))
                    {
                        EndContainer(i);
                    }
                    else
                    {
                        throw Invalid(i);
                    }

                    return true;
            }
        }

        /// <summary>
        /// Reads the next member of the object the reader is in, from its opening brace or from the end of a member's value:
        /// true on the member's name, false on the object's closing brace. The same token, and the same rejection, as
        /// <see cref="Read"/> from there; the object loops of the read path call it so that the step is not dispatched on
        /// the token before. From any other position it is <see cref="Read"/>.
        /// </summary>
        /// <exception cref="JsonException">The text is not JSON at this token.</exception>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public bool ReadMemberName()
        {
            JsonTokenType before = _tokenType;
            if (before == JsonTokenType.None || before == JsonTokenType.PropertyName || before == JsonTokenType.StartArray
                || _depth == 0 || (_objects & (1UL << (_depth - 1))) == 0)
            {
                return Read() && _tokenType == JsonTokenType.PropertyName;
            }

            ReadOnlySpan<byte> data = _data;
            int i = SkipWhiteSpace(data, _consumed);
            if ((uint)i >= (uint)data.Length)
            {
                throw Invalid(i);
            }

            byte c = data[i];
            if (c == (byte)'}')
            {
                EndContainer(i);
                return false;
            }

            if (before != JsonTokenType.StartObject)
            {
                // After a member's value: a comma, then the next name.
                if (c != (byte)',')
                {
                    throw Invalid(i);
                }

                i = SkipWhiteSpace(data, i + 1);
            }

            ReadPropertyName(data, i);
            return true;
        }

        /// <summary>
        /// Reads the next item of the array the reader is in, from its opening bracket or from the end of an item: true on
        /// the item's first token, false on the array's closing bracket. The same token, and the same rejection, as
        /// <see cref="Read"/> from there; from any other position it is <see cref="Read"/> (true unless it read a closing
        /// bracket).
        /// </summary>
        /// <exception cref="JsonException">The text is not JSON at this token.</exception>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public bool ReadArrayItem()
        {
            JsonTokenType before = _tokenType;
            if (before == JsonTokenType.None || before == JsonTokenType.PropertyName || before == JsonTokenType.StartObject
                || _depth == 0 || (_objects & (1UL << (_depth - 1))) != 0)
            {
                return Read() && _tokenType != JsonTokenType.EndArray;
            }

            ReadOnlySpan<byte> data = _data;
            int i = SkipWhiteSpace(data, _consumed);
            if ((uint)i >= (uint)data.Length)
            {
                throw Invalid(i);
            }

            if (data[i] == (byte)']')
            {
                EndContainer(i);
                return false;
            }

            if (before != JsonTokenType.StartArray)
            {
                // After an item: a comma, then the next.
                if (data[i] != (byte)',')
                {
                    throw Invalid(i);
                }

                i = SkipWhiteSpace(data, i + 1);
            }

            ReadValue(data, i);
            return true;
        }

        /// <summary>Reads the value of the property name the reader is on (as <see cref="Read"/> does from there).</summary>
        /// <exception cref="JsonException">The text is not JSON at this token.</exception>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void ReadMemberValue()
        {
            if (_tokenType != JsonTokenType.PropertyName)
            {
                Read();
                return;
            }

            ReadOnlySpan<byte> data = _data;
            ReadValue(data, SkipWhiteSpace(data, _consumed));
        }

        /// <summary>
        /// Skips the children of the token: from a property name, its value; from a brace or bracket, to its match. Any
        /// other token has none (as <see cref="Utf8JsonReader.Skip"/>).
        /// </summary>
        public void Skip()
        {
            if (_tokenType == JsonTokenType.PropertyName)
            {
                Read();
            }

            if (_tokenType == JsonTokenType.StartObject || _tokenType == JsonTokenType.StartArray)
            {
                int outside = _depth - 1;
                do
                {
                    Read();
                }
                while (_depth > outside);
            }
        }

        /// <summary>The number as a 64-bit integer, when it is one (no fraction, no exponent, in range), as <see cref="Utf8JsonReader.TryGetInt64"/>.</summary>
        public readonly bool TryGetInt64(out long value)
        {
            if (_tokenType != JsonTokenType.Number)
            {
                throw new InvalidOperationException("The token is not a number.");
            }

            ReadOnlySpan<byte> span = _data.Slice(_tokenStart, _valueLength);

            // The common case, a short integer (a wait, a status, a numeric code): its digits, without the general parser.
            // Eighteen digits always fit; the grammar already refused a leading zero or a lone minus.
            int first = span.Length > 0 && span[0] == (byte)'-' ? 1 : 0;
            if (span.Length - first <= 18)
            {
                long digits = 0;
                int k = first;
                for (; k < span.Length; k++)
                {
                    uint d = (uint)(span[k] - '0');
                    if (d > 9)
                    {
                        break;
                    }

                    digits = (digits * 10) + d;
                }

                if (k == span.Length && k > first)
                {
                    value = first == 0 ? digits : -digits;
                    return true;
                }
            }

            if (Utf8Parser.TryParse(span, out long parsed, out int used) && used == span.Length)
            {
                value = parsed;
                return true;
            }

            value = 0;
            return false;
        }

        /// <summary>The number as a double, as <see cref="Utf8JsonReader.TryGetDouble"/> reads it.</summary>
        public readonly bool TryGetDouble(out double value)
        {
            Utf8JsonReader token = Token();
            return token.TryGetDouble(out value);
        }

        /// <summary>The number as a decimal, as <see cref="Utf8JsonReader.TryGetDecimal"/> reads it.</summary>
        public readonly bool TryGetDecimal(out decimal value)
        {
            Utf8JsonReader token = Token();
            return token.TryGetDecimal(out value);
        }

        /// <summary>The string or property name, unescaped, as <see cref="Utf8JsonReader.GetString"/> gives it (null for a null, and the same exception type for any other token).</summary>
        public readonly string? GetString()
        {
            if (_tokenType == JsonTokenType.Null)
            {
                return null;
            }

            Utf8JsonReader token = Token();
            return token.GetString();
        }

        /// <summary>Whether the string or property name, unescaped, is <paramref name="utf8Text"/>, as <see cref="Utf8JsonReader.ValueTextEquals(ReadOnlySpan{byte})"/> decides (and throws).</summary>
        public readonly bool ValueTextEquals(ReadOnlySpan<byte> utf8Text)
        {
            Utf8JsonReader token = Token();
            return token.ValueTextEquals(utf8Text);
        }

        /// <summary>
        /// A <see cref="Utf8JsonReader"/> on this token alone (a string's or name's quotes and what is between them, a
        /// number's text), which is JSON text by itself: so that what it says of the token is what it would have said.
        /// </summary>
        private readonly Utf8JsonReader Token()
        {
            // Any other token has no such value: Utf8JsonReader throws the same exception type for it (its message differs).
            if (_tokenType != JsonTokenType.String && _tokenType != JsonTokenType.PropertyName && _tokenType != JsonTokenType.Number)
            {
                throw new InvalidOperationException("Cannot get the value of a token type '" + _tokenType + "' as a string or number.");
            }

            ReadOnlySpan<byte> bytes = _tokenType == JsonTokenType.Number ? ValueSpan : _data.Slice(_tokenStart, _valueLength + 2);
            var token = new Utf8JsonReader(bytes);
            token.Read();
            return token;
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private void ReadValue(ReadOnlySpan<byte> data, int i)
        {
            if ((uint)i >= (uint)data.Length)
            {
                throw Invalid(i);
            }

            switch (data[i])
            {
                case (byte)'"':
                    _consumed = ReadString(data, i);
                    _tokenType = JsonTokenType.String;
                    break;
                case (byte)'{':
                    StartContainer(i, isObject: true);
                    break;
                case (byte)'[':
                    StartContainer(i, isObject: false);
                    break;
                case (byte)'t':
                    Literal(data, i, "true"u8, JsonTokenType.True);
                    break;
                case (byte)'f':
                    Literal(data, i, "false"u8, JsonTokenType.False);
                    break;
                case (byte)'n':
                    Literal(data, i, "null"u8, JsonTokenType.Null);
                    break;
                default:
                    ReadNumber(data, i);
                    break;
            }
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private void ReadPropertyName(ReadOnlySpan<byte> data, int i)
        {
            if ((uint)i >= (uint)data.Length || data[i] != (byte)'"')
            {
                throw Invalid(i);
            }

            int colon = SkipWhiteSpace(data, ReadString(data, i));
            if ((uint)colon >= (uint)data.Length || data[colon] != (byte)':')
            {
                throw Invalid(colon);
            }

            _consumed = colon + 1;
            _tokenType = JsonTokenType.PropertyName;
        }

        /// <summary>Reads the string whose opening quote is at <paramref name="quote"/>; returns the index past its closing quote.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private int ReadString(ReadOnlySpan<byte> data, int quote)
        {
            int j = quote + 1;
            bool escaped = false;
            while (true)
            {
                // The next quote, backslash or control character: vectorized where the runtime can.
                j = NextStringStop(data, j);
                if ((uint)j >= (uint)data.Length)
                {
                    throw Invalid(j);
                }

                byte c = data[j];
                if (c == (byte)'"')
                {
                    break;
                }

                if (c != (byte)'\\')
                {
                    throw Invalid(j);
                }

                escaped = true;
                j = Escape(data, j + 1);
            }

            _tokenStart = quote;
            _valueLength = j - quote - 1;
            _escaped = escaped;
            return j + 1;
        }

        /// <summary>The index of the next quote, backslash or control character from <paramref name="j"/> on, or the length when none.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static int NextStringStop(ReadOnlySpan<byte> data, int j)
        {
#if NET8_0_OR_GREATER
            // Sixteen bytes at a time where the hardware has it: a quote, a backslash or a byte below 0x20 sets a bit.
            if (Vector128.IsHardwareAccelerated)
            {
                ref byte start = ref MemoryMarshal.GetReference(data);
                var quote = Vector128.Create((byte)'"');
                var backslash = Vector128.Create((byte)'\\');
                var space = Vector128.Create((byte)0x20);
                while (j <= data.Length - 16)
                {
                    var v = Vector128.LoadUnsafe(ref start, (nuint)j);
                    var hits = Vector128.Equals(v, quote) | Vector128.Equals(v, backslash)
                        | Vector128.LessThan(v, space);
                    uint mask = Vector128.ExtractMostSignificantBits(hits);
                    if (mask != 0)
                    {
                        return j + System.Numerics.BitOperations.TrailingZeroCount(mask);
                    }

                    j += 16;
                }
            }
#endif
            while ((uint)j < (uint)data.Length && !IsStringStop(data[j]))
            {
                j++;
            }

            return j;
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static bool IsStringStop(byte c) => c < 0x20 || c == (byte)'"' || c == (byte)'\\';


        /// <summary>Checks the escape whose letter is at <paramref name="j"/> (past the backslash); returns the index past it.</summary>
        private static int Escape(ReadOnlySpan<byte> data, int j)
        {
            if (j >= data.Length)
            {
                throw Invalid(j);
            }

            switch (data[j])
            {
                case (byte)'"':
                case (byte)'\\':
                case (byte)'/':
                case (byte)'b':
                case (byte)'f':
                case (byte)'n':
                case (byte)'r':
                case (byte)'t':
                    return j + 1;
                case (byte)'u':
                    if (j + 4 >= data.Length || !IsHex(data[j + 1]) || !IsHex(data[j + 2]) || !IsHex(data[j + 3]) || !IsHex(data[j + 4]))
                    {
                        throw Invalid(j);
                    }

                    return j + 5;
                default:
                    throw Invalid(j);
            }
        }

        private void ReadNumber(ReadOnlySpan<byte> data, int start)
        {
            int j = start;
            if (data[j] == (byte)'-')
            {
                j++;
                if (j >= data.Length)
                {
                    throw Invalid(j);
                }
            }

            if (data[j] == (byte)'0')
            {
                j++;
                if (j < data.Length && IsDigit(data[j]))
                {
                    throw Invalid(j);
                }
            }
            else if (IsDigit(data[j]))
            {
                j = SkipDigits(data, j + 1);
            }
            else
            {
                throw Invalid(j);
            }

            if (j < data.Length && data[j] == (byte)'.')
            {
                j++;
                if (j >= data.Length || !IsDigit(data[j]))
                {
                    throw Invalid(j);
                }

                j = SkipDigits(data, j + 1);
            }

            if (j < data.Length && (data[j] | 0x20) == (byte)'e')
            {
                j++;
                if (j < data.Length && (data[j] == (byte)'+' || data[j] == (byte)'-'))
                {
                    j++;
                }

                if (j >= data.Length || !IsDigit(data[j]))
                {
                    throw Invalid(j);
                }

                j = SkipDigits(data, j + 1);
            }

            // A number ends at a delimiter ('/' included, as for Utf8JsonReader: the comment it would start is refused at
            // the next token), or at the end of the text when it is the root value (inside a container the text is cut).
            if (j == data.Length)
            {
                if (_depth > 0)
                {
                    throw Invalid(j);
                }
            }
            else
            {
                switch (data[j])
                {
                    case (byte)',':
                    case (byte)'}':
                    case (byte)']':
                    case (byte)' ':
                    case (byte)'\n':
                    case (byte)'\r':
                    case (byte)'\t':
                    case (byte)'/':
                        break;
                    default:
                        throw Invalid(j);
                }
            }

            _tokenType = JsonTokenType.Number;
            _tokenStart = start;
            _valueLength = j - start;
            _escaped = false;
            _consumed = j;
        }

        private void Literal(ReadOnlySpan<byte> data, int i, ReadOnlySpan<byte> literal, JsonTokenType type)
        {
            // As Utf8JsonReader: the literal's bytes, and nothing about what follows until the next token.
            if (!data.Slice(i).StartsWith(literal))
            {
                throw Invalid(i);
            }

            _tokenType = type;
            _tokenStart = i;
            _valueLength = literal.Length;
            _escaped = false;
            _consumed = i + literal.Length;
        }

        private void StartContainer(int i, bool isObject)
        {
            if (_depth >= ReaderLimits.MaxDepth)
            {
                throw Invalid(i);
            }

            if (isObject)
            {
                _objects |= 1UL << _depth;
            }
            else
            {
                _objects &= ~(1UL << _depth);
            }

            _depth++;
            _tokenType = isObject ? JsonTokenType.StartObject : JsonTokenType.StartArray;
            Single(i);
        }

        private void EndContainer(int i)
        {
            _depth--;
            _tokenType = (_objects & (1UL << _depth)) != 0 ? JsonTokenType.EndObject : JsonTokenType.EndArray;
            Single(i);
        }

        private void Single(int i)
        {
            _tokenStart = i;
            _valueLength = 1;
            _escaped = false;
            _consumed = i + 1;
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static int SkipWhiteSpace(ReadOnlySpan<byte> data, int i)
        {
            while ((uint)i < (uint)data.Length)
            {
                byte c = data[i];
                if (c != (byte)' ' && c != (byte)'\n' && c != (byte)'\r' && c != (byte)'\t')
                {
                    break;
                }

                i++;
            }

            return i;
        }

        private static int SkipDigits(ReadOnlySpan<byte> data, int i)
        {
            while (i < data.Length && IsDigit(data[i]))
            {
                i++;
            }

            return i;
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static bool IsDigit(byte c) => (uint)(c - '0') <= 9;

        private static bool IsHex(byte c) => (uint)(c - '0') <= 9 || (uint)((c | 0x20) - 'a') <= 5;

        /// <summary>The exception for a body that is not JSON at <paramref name="at"/> (the failure path says what is wrong, with Utf8JsonReader).</summary>
        [MethodImpl(MethodImplOptions.NoInlining)]
        private static JsonException Invalid(int at)
            => new JsonException("The body is not valid JSON at byte " + at.ToString(System.Globalization.CultureInfo.InvariantCulture) + ".");
    }
}
