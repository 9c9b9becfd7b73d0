using System;
using System.Text;
using System.Text.Json;

namespace ErrorCodeGen.Formats
{
    /// <summary>The optional fields an error item of a format carries, beyond <c>code</c>, <c>message</c> and Runware's task fields.</summary>
    [Flags]
    internal enum ItemFields
    {
        None = 0,

        /// <summary><c>details</c>: an object of entries, an array or a string (cmfy.cloud).</summary>
        Details = 1,

        /// <summary><c>retry_after</c> in seconds, for the response (cmfy.cloud).</summary>
        RetryAfter = 2,

        /// <summary><c>request_id</c>, for the response (cmfy.cloud).</summary>
        RequestId = 4,

        /// <summary><c>path</c>, an array of segments (GraphQL).</summary>
        Path = 8,
    }

    /// <summary>
    /// What the formats share: error items, extra fields, details and paths. Two rules hold throughout: a key's first
    /// occurrence wins (a later duplicate is consumed whole, whatever its type, and ignored; a <see langword="null"/> counts
    /// as absent), and every value is consumed whole (see <see cref="JsonValues"/>), so nothing in a value can be read as if
    /// it stood outside it.
    /// </summary>
    internal static class JsonItems
    {
        public static void ReadErrorsArray(ref Utf8JsonReader r, ReadOnlySpan<byte> body, BodyBuilder b, ItemFields fields)
        {
            while (r.Read() && r.TokenType != JsonTokenType.EndArray)
            {
                b.HasErrorPayload = true;
                if (b.IsFull)
                {
                    // Past the cap an item is skipped, not built.
                    r.Skip();
                    continue;
                }

                if (r.TokenType == JsonTokenType.StartObject)
                {
                    ReadItem(ref r, body, b, fields);
                }
                else
                {
                    var scalar = new ErrorItemBuilder();
                    scalar.Message = JsonValues.Text(ref r, body, ReaderLimits.MaxStringLength);
                    b.Add(scalar);
                }
            }
        }

        /// <summary>
        /// One error object: Runware's and GraphQL's <c>errors</c> items and cmfy's <c>error</c> object share
        /// <c>code</c> and <c>message</c>; the rest depends on the format. Unknown fields are kept as raw JSON.
        /// </summary>
        public static void ReadItem(ref Utf8JsonReader r, ReadOnlySpan<byte> body, BodyBuilder b, ItemFields fields)
        {
            var item = new ErrorItemBuilder();
            b.Pending = item;
            while (r.Read() && r.TokenType == JsonTokenType.PropertyName)
            {
                if (JsonValues.NameIs(ref r, "code"u8))
                {
                    r.Read();
                    JsonValues.Take(ref item.Code, ref r, body, ReaderLimits.MaxCodeLength);
                }
                else if (JsonValues.NameIs(ref r, "message"u8))
                {
                    r.Read();
                    JsonValues.Take(ref item.Message, ref r, body, ReaderLimits.MaxStringLength);
                }
                else if (JsonValues.NameIs(ref r, "parameter"u8))
                {
                    r.Read();
                    JsonValues.Take(ref item.Parameter, ref r, body, ReaderLimits.MaxStringLength);
                }
                else if (JsonValues.NameIs(ref r, "taskType"u8))
                {
                    r.Read();
                    JsonValues.Take(ref item.TaskType, ref r, body, ReaderLimits.MaxStringLength);
                }
                else if (JsonValues.NameIs(ref r, "taskUUID"u8))
                {
                    r.Read();
                    JsonValues.Take(ref item.TaskId, ref r, body, ReaderLimits.MaxStringLength);
                }
                else if (JsonValues.NameIs(ref r, "documentation"u8))
                {
                    r.Read();
                    JsonValues.Take(ref item.DocumentationUrl, ref r, body, ReaderLimits.MaxStringLength);
                }
                else if ((fields & ItemFields.Details) != 0 && JsonValues.NameIs(ref r, "details"u8))
                {
                    r.Read();
                    ReadDetail(ref r, body, item);
                }
                else if ((fields & ItemFields.RetryAfter) != 0 && JsonValues.NameIs(ref r, "retry_after"u8))
                {
                    r.Read();
                    if (b.RetryAfter is null)
                    {
                        b.RetryAfter = JsonValues.Seconds(ref r, body);
                    }
                    else
                    {
                        r.Skip();
                    }
                }
                else if ((fields & ItemFields.RequestId) != 0 && JsonValues.NameIs(ref r, "request_id"u8))
                {
                    r.Read();
                    JsonValues.Take(ref b.RequestId, ref r, body, ReaderLimits.MaxRequestIdLength);
                }
                else if ((fields & ItemFields.Path) != 0 && JsonValues.NameIs(ref r, "path"u8))
                {
                    r.Read();
                    if (item.Path is null)
                    {
                        item.Path = ReadPath(ref r, body);
                    }
                    else
                    {
                        r.Skip();
                    }
                }
                else if (JsonValues.NameIs(ref r, "extensions"u8))
                {
                    r.Read();
                    if (!item.SeenExtensions && r.TokenType == JsonTokenType.StartObject)
                    {
                        item.SeenExtensions = true;
                        ReadExtensions(ref r, body, item);
                    }
                    else if (item.SeenExtensions)
                    {
                        r.Skip();
                    }
                    else
                    {
                        item.AddExtra("extensions", JsonValues.Raw(ref r, body, ReaderLimits.MaxRawJsonLength));
                    }
                }
                else
                {
                    ReadExtra(ref r, body, item, prefix: null);
                }
            }

            b.FlushPending();
        }

        private static void ReadExtensions(ref Utf8JsonReader r, ReadOnlySpan<byte> body, ErrorItemBuilder item)
        {
            while (r.Read() && r.TokenType == JsonTokenType.PropertyName)
            {
                if (JsonValues.NameIs(ref r, "code"u8))
                {
                    r.Read();
                    JsonValues.Take(ref item.Code, ref r, body, ReaderLimits.MaxCodeLength);
                }
                else
                {
                    ReadExtra(ref r, body, item, prefix: "extensions.");
                }
            }
        }

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
        private static string? ReadPath(ref Utf8JsonReader r, ReadOnlySpan<byte> body)
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
