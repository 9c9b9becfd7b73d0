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
        public static void ReadExtra(ref Utf8JsonReader r, ReadOnlySpan<byte> body, ErrorItemBuilder item, string? prefix)
        {
            if (item.ExtrasFull)
            {
                r.Read();
                r.Skip();
                return;
            }

            string name = JsonValues.PropertyName(ref r, ReaderLimits.MaxFieldNameLength);
            if (prefix != null)
            {
                name = TextExcerpt.Shorten(prefix + name, ReaderLimits.MaxFieldNameLength);
            }

            r.Read();
            if (item.HasExtra(name))
            {
                r.Skip();
                return;
            }

            item.AddExtra(name, JsonValues.Raw(ref r, body, ReaderLimits.MaxRawJsonLength));
        }

        /// <summary>A GraphQL <c>path</c> (or a FastAPI <c>loc</c>) as dotted text, cut to the string bound.</summary>
        public static string? ReadPath(ref Utf8JsonReader r, ReadOnlySpan<byte> body)
        {
            if (r.TokenType != JsonTokenType.StartArray)
            {
                return JsonValues.Text(ref r, body, ReaderLimits.MaxStringLength);
            }

            var sb = new StringBuilder();
            while (r.Read() && r.TokenType != JsonTokenType.EndArray)
            {
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

            return TextExcerpt.Shorten(sb.ToString(), ReaderLimits.MaxStringLength);
        }

        /// <summary>RunComfy <c>detail</c> / cmfy <c>details</c>: an array (FastAPI <c>{loc, msg, type}</c> items), a string or an object.</summary>
        public static void ReadDetail(ref Utf8JsonReader r, ReadOnlySpan<byte> body, ErrorItemBuilder item)
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
                    while (r.Read() && r.TokenType != JsonTokenType.EndArray)
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
                    while (r.Read() && r.TokenType == JsonTokenType.PropertyName)
                    {
                        if (item.DetailsFull)
                        {
                            r.Read();
                            r.Skip();
                            continue;
                        }

                        string field = JsonValues.PropertyName(ref r, ReaderLimits.MaxFieldNameLength);
                        r.Read();
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
        private static string ReadDetailObject(ref Utf8JsonReader r, ReadOnlySpan<byte> body)
        {
            int start = (int)r.TokenStartIndex;
            string? loc = null, msg = null;
            while (r.Read() && r.TokenType == JsonTokenType.PropertyName)
            {
                if (JsonValues.NameIs(ref r, "loc"u8))
                {
                    r.Read();
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
                    r.Read();
                    JsonValues.Take(ref msg, ref r, body, ReaderLimits.MaxStringLength);
                }
                else
                {
                    r.Read();
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
