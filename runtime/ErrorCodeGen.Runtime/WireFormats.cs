using System;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace ErrorCodeGen
{
    /// <summary>
    /// The per-vendor readers. Each is called with the reader on the root object's <c>{</c> and reads in one
    /// forward pass. What has been read is kept in the <see cref="BodyBuilder"/> as it is read, so a body that
    /// breaks off still yields its code and message.
    /// </summary>
    internal static class WireFormats
    {
        private const int MaxRawJson = 1024;

        /// <summary>RunComfy: <c>{"error_code", "message" | "error_message", "detail", "request_id"}</c>.</summary>
        public static void ReadRunComfy(ref Utf8JsonReader r, ReadOnlySpan<byte> body, BodyBuilder b)
        {
            var item = new ErrorItemBuilder();
            b.Pending = item;
            while (r.Read() && r.TokenType == JsonTokenType.PropertyName)
            {
                string name = r.GetString() ?? string.Empty;
                r.Read();
                switch (name)
                {
                    case "error_code":
                        item.Code = ReadScalar(ref r, body);
                        if (item.Code != null)
                        {
                            b.HasErrorPayload = true;
                        }

                        break;
                    case "message":
                    case "error_message":
                        item.Message = item.Message ?? ReadScalar(ref r, body);
                        break;
                    case "detail":
                        ReadDetail(ref r, body, item);
                        break;
                    case "request_id":
                        b.RequestId = ReadScalar(ref r, body);
                        break;
                    default:
                        item.AddExtra(name, ReadRaw(ref r, body));
                        break;
                }
            }

            b.FlushPending();
        }

        /// <summary>cmfy.cloud: <c>{"error": {"code", "message", "details", "retry_after", "request_id"}}</c>.</summary>
        public static void ReadCmfy(ref Utf8JsonReader r, ReadOnlySpan<byte> body, BodyBuilder b)
        {
            while (r.Read() && r.TokenType == JsonTokenType.PropertyName)
            {
                string name = r.GetString() ?? string.Empty;
                r.Read();
                if (name == "error" && r.TokenType == JsonTokenType.StartObject)
                {
                    b.HasErrorPayload = true;
                    var item = new ErrorItemBuilder();
                    b.Pending = item;
                    ReadErrorItem(ref r, body, b, item, ErrorWireFormat.Cmfy);
                    b.FlushPending();
                }
                else if (name == "request_id")
                {
                    b.RequestId = b.RequestId ?? ReadScalar(ref r, body);
                }
                else
                {
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
            while (r.Read() && r.TokenType == JsonTokenType.PropertyName)
            {
                string name = r.GetString() ?? string.Empty;
                r.Read();
                if (name == "errors" && r.TokenType == JsonTokenType.StartArray)
                {
                    while (r.Read() && r.TokenType != JsonTokenType.EndArray)
                    {
                        if (r.TokenType != JsonTokenType.StartObject)
                        {
                            var scalarItem = new ErrorItemBuilder { Message = ReadScalar(ref r, body) };
                            b.Add(scalarItem.Build());
                            b.HasErrorPayload = true;
                            continue;
                        }

                        b.HasErrorPayload = true;
                        var item = new ErrorItemBuilder();
                        b.Pending = item;
                        ReadErrorItem(ref r, body, b, item, format);
                        b.FlushPending();
                    }
                }
                else if (name == "request_id" || name == "requestId")
                {
                    b.RequestId = ReadScalar(ref r, body);
                }
                else
                {
                    r.Skip();
                }
            }
        }

        /// <summary>
        /// One error object: Runware's and GraphQL's <c>errors</c> items and cmfy's <c>error</c> object share
        /// <c>code</c> and <c>message</c>; the rest depends on the format. Unknown fields are kept as raw JSON.
        /// </summary>
        private static void ReadErrorItem(ref Utf8JsonReader r, ReadOnlySpan<byte> body, BodyBuilder b, ErrorItemBuilder item, ErrorWireFormat format)
        {
            while (r.Read() && r.TokenType == JsonTokenType.PropertyName)
            {
                string field = r.GetString() ?? string.Empty;
                r.Read();
                switch (field)
                {
                    case "code":
                        item.Code = ReadScalar(ref r, body);
                        break;
                    case "message":
                        item.Message = ReadScalar(ref r, body);
                        break;
                    case "parameter":
                        item.Parameter = ReadScalar(ref r, body);
                        break;
                    case "taskType":
                        item.TaskType = ReadScalar(ref r, body);
                        break;
                    case "taskUUID":
                        item.TaskId = ReadScalar(ref r, body);
                        break;
                    case "documentation":
                        item.DocumentationUrl = ReadScalar(ref r, body);
                        break;
                    case "details" when format == ErrorWireFormat.Cmfy:
                        ReadDetail(ref r, body, item);
                        break;
                    case "retry_after" when format == ErrorWireFormat.Cmfy:
                        b.RetryAfter = ReadSeconds(ref r, body);
                        break;
                    case "request_id" when format == ErrorWireFormat.Cmfy:
                        b.RequestId = ReadScalar(ref r, body);
                        break;
                    case "path" when format == ErrorWireFormat.GraphQL:
                        item.Path = ReadPath(ref r, body);
                        break;
                    case "extensions" when r.TokenType == JsonTokenType.StartObject:
                        ReadExtensions(ref r, body, item);
                        break;
                    default:
                        item.AddExtra(field, ReadRaw(ref r, body));
                        break;
                }
            }
        }

        private static void ReadExtensions(ref Utf8JsonReader r, ReadOnlySpan<byte> body, ErrorItemBuilder item)
        {
            while (r.Read() && r.TokenType == JsonTokenType.PropertyName)
            {
                string field = r.GetString() ?? string.Empty;
                r.Read();
                if (field == "code" && item.Code is null)
                {
                    item.Code = ReadScalar(ref r, body);
                }
                else
                {
                    item.AddExtra("extensions." + field, ReadRaw(ref r, body));
                }
            }
        }

        private static string? ReadPath(ref Utf8JsonReader r, ReadOnlySpan<byte> body)
        {
            if (r.TokenType != JsonTokenType.StartArray)
            {
                return ReadScalar(ref r, body);
            }

            var sb = new StringBuilder();
            while (r.Read() && r.TokenType != JsonTokenType.EndArray)
            {
                string? segment = ReadScalar(ref r, body);
                if (sb.Length < ErrorResponseReader.MaxStringLength)
                {
                    if (sb.Length > 0)
                    {
                        sb.Append('.');
                    }

                    sb.Append(segment);
                }
            }

            return sb.ToString();
        }

        /// <summary>RunComfy <c>detail</c> / cmfy <c>details</c>: an array (FastAPI <c>{loc, msg, type}</c> items), a string or an object.</summary>
        private static void ReadDetail(ref Utf8JsonReader r, ReadOnlySpan<byte> body, ErrorItemBuilder item)
        {
            switch (r.TokenType)
            {
                case JsonTokenType.StartArray:
                    while (r.Read() && r.TokenType != JsonTokenType.EndArray)
                    {
                        if (r.TokenType == JsonTokenType.StartObject)
                        {
                            item.AddDetail(ReadDetailObject(ref r, body));
                        }
                        else
                        {
                            string? text = ReadScalar(ref r, body);
                            if (text != null)
                            {
                                item.AddDetail(text);
                            }
                        }
                    }

                    break;
                case JsonTokenType.StartObject:
                    // An object of details (cmfy): one "name: value" entry per property.
                    while (r.Read() && r.TokenType == JsonTokenType.PropertyName)
                    {
                        string field = r.GetString() ?? string.Empty;
                        r.Read();
                        string? value = r.TokenType == JsonTokenType.String ? ReadScalar(ref r, body) : ReadRaw(ref r, body);
                        item.AddDetail(field + ": " + value);
                    }

                    break;
                default:
                    string? scalar = ReadScalar(ref r, body);
                    if (scalar != null)
                    {
                        item.AddDetail(scalar);
                    }

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
                string field = r.GetString() ?? string.Empty;
                r.Read();
                if (field == "loc")
                {
                    loc = ReadPath(ref r, body);
                }
                else if (field == "msg" || field == "message")
                {
                    msg = ReadScalar(ref r, body);
                }
                else
                {
                    r.Skip();
                }
            }

            if (msg != null)
            {
                return string.IsNullOrEmpty(loc) ? msg : loc + ": " + msg;
            }

            int end = (int)r.BytesConsumed;
            return Raw(body, start, end);
        }

        private static TimeSpan? ReadSeconds(ref Utf8JsonReader r, ReadOnlySpan<byte> body)
        {
            if (r.TokenType == JsonTokenType.Number && r.TryGetDouble(out double seconds))
            {
                return ErrorResponseReader.ClampRetryAfter(seconds);
            }

            string? text = ReadScalar(ref r, body);
            if (text != null && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double parsed))
            {
                return ErrorResponseReader.ClampRetryAfter(parsed);
            }

            return null;
        }

        /// <summary>
        /// The value at the reader as text: strings unescaped, numbers as written, booleans as <c>true</c>/<c>false</c>,
        /// <see langword="null"/> for null, raw JSON for objects and arrays. Always shortened to a bound.
        /// </summary>
        internal static string? ReadScalar(ref Utf8JsonReader r, ReadOnlySpan<byte> body)
        {
            switch (r.TokenType)
            {
                case JsonTokenType.String:
                    return TextExcerpt.Shorten(r.GetString() ?? string.Empty, ErrorResponseReader.MaxStringLength);
                case JsonTokenType.Number:
                    return NumberText(ref r);
                case JsonTokenType.True:
                    return "true";
                case JsonTokenType.False:
                    return "false";
                case JsonTokenType.Null:
                    return null;
                default:
                    return ReadRaw(ref r, body);
            }
        }

        private static string NumberText(ref Utf8JsonReader r)
        {
            // Integral numbers are kept exactly as digits; 42258.0 and 4.2258e4 normalise to 42258.
            if (r.TryGetInt64(out long n))
            {
                return n.ToString(CultureInfo.InvariantCulture);
            }

            if (r.TryGetDecimal(out decimal d) && d == decimal.Truncate(d) && d >= long.MinValue && d <= long.MaxValue)
            {
                return ((long)d).ToString(CultureInfo.InvariantCulture);
            }

            // Readers here are built over a single span, so the value is never a sequence.
            return Encoding.UTF8.GetString(r.ValueSpan.ToArray());
        }

        /// <summary>The raw JSON text of the value at the reader (skipping over it), shortened to a bound.</summary>
        internal static string ReadRaw(ref Utf8JsonReader r, ReadOnlySpan<byte> body)
        {
            int start = (int)r.TokenStartIndex;
            r.Skip();
            int end = (int)r.BytesConsumed;
            return Raw(body, start, end);
        }

        private static string Raw(ReadOnlySpan<byte> body, int start, int end)
        {
            int length = Math.Max(0, Math.Min(end, body.Length) - start);
            bool cut = length > MaxRawJson;
            string text = Encoding.UTF8.GetString(body.Slice(start, cut ? MaxRawJson : length).ToArray());
            return cut ? text + "…" : text;
        }
    }
}
