using System;
using System.Text;
using System.Text.Json;

namespace ErrorCodeGen.Formats
{
    /// <summary>
    /// What the shapes share: extra fields, details and paths. Two rules hold throughout: a key's first
    /// occurrence wins (a later duplicate is consumed whole, whatever its type, and ignored; a <see langword="null"/> counts
    /// as absent), and every value is consumed whole (see <see cref="JsonValues"/>), so nothing in a value can be read as if
    /// it stood outside it.
    /// </summary>
    internal static class JsonItems
    {
        /// <summary>An unknown field, kept as raw JSON while there is room; the reader is on its name and ends past its value.</summary>
        public static void ReadExtra(ref JsonTokenReader r, ReadOnlySpan<byte> body, ErrorItemBuilder item, string? prefix)
        {
            if (item.ExtrasFull)
            {
                r.ReadMemberValue();
                r.Skip();
                return;
            }

            string name = JsonValues.PropertyName(ref r, ReaderLimits.MaxFieldNameLength);
            if (prefix != null)
            {
                name = TextExcerpt.Shorten(prefix + name, ReaderLimits.MaxFieldNameLength);
            }

            r.ReadMemberValue();
            if (item.HasExtra(name))
            {
                r.Skip();
                return;
            }

            item.AddExtra(name, JsonValues.Raw(ref r, body, ReaderLimits.MaxRawJsonLength));
        }

        /// <summary>How many characters of a path are joined on the stack before a <see cref="StringBuilder"/> takes over.</summary>
        private const int PathOnStack = 256;

        /// <summary>
        /// A GraphQL <c>path</c> (or a FastAPI <c>loc</c>) as dotted text, cut to the string bound. The common segments (an
        /// unescaped ASCII name, a non-negative integer) are copied into a buffer on the stack as the characters
        /// <see cref="JsonValues.Text"/> would give, so a path costs one string; any other segment, or a path longer than
        /// the buffer, goes on in a <see cref="StringBuilder"/> with the general reading, as before.
        /// </summary>
        public static string? ReadPath(ref JsonTokenReader r, ReadOnlySpan<byte> body)
        {
            if (r.TokenType != JsonTokenType.StartArray)
            {
                return JsonValues.Text(ref r, body, ReaderLimits.MaxStringLength);
            }

            Span<char> joined = stackalloc char[PathOnStack];
            int length = 0;
            StringBuilder? sb = null;
            while (r.ReadArrayItem())
            {
                if (sb is null && TryAppendPlain(ref r, joined, ref length))
                {
                    continue;
                }

                if (sb is null)
                {
                    sb = new StringBuilder(PathOnStack * 2);
                    sb.Append(joined.Slice(0, length).ToString());
                }

                int room = ReaderLimits.MaxStringLength + 1 - sb.Length;
                if (room <= 1)
                {
                    r.Skip();
                    continue;
                }

                string? segment = JsonValues.Text(ref r, body, room);
                if (sb.Length > 0)
                {
                    sb.Append('.');
                }

                sb.Append(segment);
            }

            return TextExcerpt.Shorten(sb?.ToString() ?? joined.Slice(0, length).ToString(), ReaderLimits.MaxStringLength);
        }

        /// <summary>
        /// Appends the segment at the reader (with its dot) when it is plain and fits: an unescaped string of printable
        /// ASCII, or an integer of at most 18 digits with no sign (its text is its digits, as <see cref="JsonValues.Text"/>
        /// gives it). The buffer is far below <see cref="ReaderLimits.MaxStringLength"/>, so no bound cuts what it holds.
        /// </summary>
        private static bool TryAppendPlain(ref JsonTokenReader r, scoped Span<char> joined, ref int length)
        {
            bool isString = r.TokenType == JsonTokenType.String;
            if ((!isString && r.TokenType != JsonTokenType.Number) || (isString && r.ValueIsEscaped))
            {
                return false;
            }

            ReadOnlySpan<byte> value = r.ValueSpan;
            int dot = length > 0 ? 1 : 0;
            if (length + dot + value.Length > joined.Length || (!isString && (value.Length == 0 || value.Length > 18)))
            {
                return false;
            }

            if (isString ? !IsPrintableAscii(value) : !JsonValues.IsDigits(value))
            {
                return false;
            }

            if (dot == 1)
            {
                joined[length++] = '.';
            }

            foreach (byte c in value)
            {
                joined[length++] = (char)c;
            }

            return true;
        }

        private static bool IsPrintableAscii(ReadOnlySpan<byte> value)
        {
            foreach (byte c in value)
            {
                if (c < 0x20 || c >= 0x7F)
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>RunComfy <c>detail</c> / cmfy <c>details</c>: an array (FastAPI <c>{loc, msg, type}</c> items), a string or an object.</summary>
        public static void ReadDetail(ref JsonTokenReader r, ReadOnlySpan<byte> body, ErrorItemBuilder item)
        {
            if (item.SeenDetails)
            {
                r.Skip();
                return;
            }

            item.SeenDetails = r.TokenType != JsonTokenType.Null;
            switch (r.TokenType)
            {
                case JsonTokenType.StartArray:
                    while (r.ReadArrayItem())
                    {
                        if (item.DetailsFull)
                        {
                            r.Skip();
                        }
                        else if (r.TokenType == JsonTokenType.StartObject)
                        {
                            item.AddDetail(ReadDetailObject(ref r, body));
                        }
                        else
                        {
                            item.AddDetail(JsonValues.Text(ref r, body, ReaderLimits.MaxStringLength));
                        }
                    }

                    break;
                case JsonTokenType.StartObject:
                    // An object of details (cmfy): one "name: value" entry per property.
                    while (r.ReadMemberName())
                    {
                        if (item.DetailsFull)
                        {
                            r.ReadMemberValue();
                            r.Skip();
                            continue;
                        }

                        string field = JsonValues.PropertyName(ref r, ReaderLimits.MaxFieldNameLength);
                        r.ReadMemberValue();
                        string? value = r.TokenType == JsonTokenType.String
                            ? JsonValues.Text(ref r, body, ReaderLimits.MaxStringLength)
                            : JsonValues.Raw(ref r, body, ReaderLimits.MaxRawJsonLength);
                        item.AddDetail(TextExcerpt.Shorten(field + ": " + value, ReaderLimits.MaxStringLength));
                    }

                    break;
                default:
                    item.AddDetail(JsonValues.Text(ref r, body, ReaderLimits.MaxStringLength));
                    break;
            }
        }

        /// <summary>A FastAPI-style <c>{"loc": [...], "msg": "...", "type": "..."}</c> becomes <c>loc.path: msg</c>.</summary>
        private static string ReadDetailObject(ref JsonTokenReader r, ReadOnlySpan<byte> body)
        {
            int start = (int)r.TokenStartIndex;
            string? loc = null, msg = null;
            while (r.ReadMemberName())
            {
                if (JsonValues.NameIs(ref r, "loc"u8))
                {
                    r.ReadMemberValue();
                    if (loc is null)
                    {
                        loc = ReadPath(ref r, body);
                    }
                    else
                    {
                        r.Skip();
                    }
                }
                else if (JsonValues.NameIs(ref r, "msg"u8) || JsonValues.NameIs(ref r, "message"u8))
                {
                    r.ReadMemberValue();
                    JsonValues.Take(ref msg, ref r, body, ReaderLimits.MaxStringLength);
                }
                else
                {
                    r.ReadMemberValue();
                    r.Skip();
                }
            }

            if (msg != null)
            {
                return TextExcerpt.Shorten(string.IsNullOrEmpty(loc) ? msg : loc + ": " + msg, ReaderLimits.MaxStringLength);
            }

            int end = Math.Min((int)r.BytesConsumed, body.Length);
            return Utf8Text.DecodeBounded(body.Slice(start, Math.Max(0, end - start)), ReaderLimits.MaxRawJsonLength);
        }
    }
}
