using System;
using System.Text;
using System.Text.Json;

namespace ErrorCodeGen
{
    /// <summary>
    /// The per-vendor readers. Each is called with the reader on the root object's <c>{</c> and reads in one forward pass.
    /// What has been read is kept in the <see cref="BodyBuilder"/> as it is read, so a body that breaks off still yields
    /// its code and message.
    /// <para>
    /// Two rules hold in every format: a key's first occurrence wins (a later duplicate is consumed whole, whatever its type,
    /// and ignored; a <see langword="null"/> counts as absent), and every value is consumed whole (see <see cref="JsonValues"/>),
    /// so nothing in a value can be read as if it stood outside it.
    /// </para>
    /// </summary>
    internal static class WireFormats
    {
        /// <summary>RunComfy: <c>{"error_code", "message" | "error_message", "detail", "request_id"}</c>.</summary>
        public static void ReadRunComfy(ref Utf8JsonReader r, ReadOnlySpan<byte> body, BodyBuilder b)
        {
            var item = new ErrorItemBuilder();
            b.Pending = item;
            while (r.Read() && r.TokenType == JsonTokenType.PropertyName)
            {
                if (JsonValues.NameIs(ref r, "error_code"u8))
                {
                    r.Read();
                    JsonValues.Take(ref item.Code, ref r, body, ReaderLimits.MaxCodeLength);
                    b.HasErrorPayload |= item.Code != null;
                }
                else if (JsonValues.NameIs(ref r, "message"u8) || JsonValues.NameIs(ref r, "error_message"u8))
                {
                    r.Read();
                    JsonValues.Take(ref item.Message, ref r, body, ReaderLimits.MaxStringLength);
                }
                else if (JsonValues.NameIs(ref r, "detail"u8))
                {
                    r.Read();
                    ReadDetail(ref r, body, item);
                }
                else if (JsonValues.NameIs(ref r, "request_id"u8))
                {
                    r.Read();
                    JsonValues.Take(ref b.RequestId, ref r, body, ReaderLimits.MaxRequestIdLength);
                }
                else
                {
                    ReadExtra(ref r, body, item, prefix: null);
                }
            }

            b.FlushPending();
        }

        /// <summary>cmfy.cloud: <c>{"error": {"code", "message", "details", "retry_after", "request_id"}}</c>.</summary>
        public static void ReadCmfy(ref Utf8JsonReader r, ReadOnlySpan<byte> body, BodyBuilder b)
        {
            bool seenError = false;
            while (r.Read() && r.TokenType == JsonTokenType.PropertyName)
            {
                if (JsonValues.NameIs(ref r, "error"u8))
                {
                    r.Read();
                    if (!seenError && r.TokenType == JsonTokenType.StartObject)
                    {
                        seenError = true;
                        b.HasErrorPayload = true;
                        ReadItem(ref r, body, b, ErrorWireFormat.Cmfy);
                    }
                    else
                    {
                        seenError |= r.TokenType != JsonTokenType.Null;
                        r.Skip();
                    }
                }
                else if (JsonValues.NameIs(ref r, "request_id"u8))
                {
                    r.Read();
                    JsonValues.Take(ref b.RequestId, ref r, body, ReaderLimits.MaxRequestIdLength);
                }
                else
                {
                    r.Read();
                    r.Skip();
                }
            }
        }

        /// <summary>
        /// Runware and GraphQL: a root object with an <c>errors</c> array, one item per failed task or field.
        /// Runware items: <c>code, message, parameter, taskType, taskUUID, documentation</c>; GraphQL items:
        /// <c>message, extensions.code, path, locations</c>. Every other field is kept as raw JSON.
        /// </summary>
        public static void ReadErrorsArrayRoot(ref Utf8JsonReader r, ReadOnlySpan<byte> body, BodyBuilder b, ErrorWireFormat format)
        {
            bool seenErrors = false;
            while (r.Read() && r.TokenType == JsonTokenType.PropertyName)
            {
                if (JsonValues.NameIs(ref r, "errors"u8))
                {
                    r.Read();
                    if (!seenErrors && r.TokenType == JsonTokenType.StartArray)
                    {
                        seenErrors = true;
                        ReadErrorsArray(ref r, body, b, format);
                    }
                    else
                    {
                        seenErrors |= r.TokenType != JsonTokenType.Null;
                        r.Skip();
                    }
                }
                else if (JsonValues.NameIs(ref r, "request_id"u8) || JsonValues.NameIs(ref r, "requestId"u8))
                {
                    r.Read();
                    JsonValues.Take(ref b.RequestId, ref r, body, ReaderLimits.MaxRequestIdLength);
                }
                else
                {
                    r.Read();
                    r.Skip();
                }
            }
        }

        private static void ReadErrorsArray(ref Utf8JsonReader r, ReadOnlySpan<byte> body, BodyBuilder b, ErrorWireFormat format)
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
                    ReadItem(ref r, body, b, format);
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
        private static void ReadItem(ref Utf8JsonReader r, ReadOnlySpan<byte> body, BodyBuilder b, ErrorWireFormat format)
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
                else if (format == ErrorWireFormat.Cmfy && JsonValues.NameIs(ref r, "details"u8))
                {
                    r.Read();
                    ReadDetail(ref r, body, item);
                }
                else if (format == ErrorWireFormat.Cmfy && JsonValues.NameIs(ref r, "retry_after"u8))
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
                else if (format == ErrorWireFormat.Cmfy && JsonValues.NameIs(ref r, "request_id"u8))
                {
                    r.Read();
                    JsonValues.Take(ref b.RequestId, ref r, body, ReaderLimits.MaxRequestIdLength);
                }
                else if (format == ErrorWireFormat.GraphQL && JsonValues.NameIs(ref r, "path"u8))
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
        private static void ReadExtra(ref Utf8JsonReader r, ReadOnlySpan<byte> body, ErrorItemBuilder item, string? prefix)
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
        private static void ReadDetail(ref Utf8JsonReader r, ReadOnlySpan<byte> body, ErrorItemBuilder item)
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
