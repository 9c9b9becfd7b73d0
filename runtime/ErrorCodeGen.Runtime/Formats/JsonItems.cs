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
                    ErrorItemBuilder scalar = b.NewItem();
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
            ErrorItemBuilder item = b.NewItem();
            b.Pending = item;
            while (r.Read() && r.TokenType == JsonTokenType.PropertyName)
            {
                switch (KeyOf(ref r, fields))
                {
                    case ItemKey.Code:
                        r.Read();
                        JsonValues.Take(ref item.Code, ref r, body, ReaderLimits.MaxCodeLength);
                        break;
                    case ItemKey.Message:
                        r.Read();
                        JsonValues.Take(ref item.Message, ref r, body, ReaderLimits.MaxStringLength);
                        break;
                    case ItemKey.Parameter:
                        r.Read();
                        JsonValues.Take(ref item.Parameter, ref r, body, ReaderLimits.MaxStringLength);
                        break;
                    case ItemKey.TaskType:
                        r.Read();
                        JsonValues.Take(ref item.TaskType, ref r, body, ReaderLimits.MaxStringLength);
                        break;
                    case ItemKey.TaskUuid:
                        r.Read();
                        JsonValues.Take(ref item.TaskId, ref r, body, ReaderLimits.MaxStringLength);
                        break;
                    case ItemKey.Documentation:
                        r.Read();
                        JsonValues.Take(ref item.DocumentationUrl, ref r, body, ReaderLimits.MaxStringLength);
                        break;
                    case ItemKey.Details:
                        r.Read();
                        ReadDetail(ref r, body, item);
                        break;
                    case ItemKey.RetryAfter:
                        r.Read();
                        if (b.RetryAfter is null)
                        {
                            b.RetryAfter = JsonValues.Seconds(ref r, body);
                        }
                        else
                        {
                            r.Skip();
                        }

                        break;
                    case ItemKey.RequestId:
                        r.Read();
                        JsonValues.Take(ref b.RequestId, ref r, body, ReaderLimits.MaxRequestIdLength);
                        break;
                    case ItemKey.Path:
                        r.Read();
                        if (item.Path is null)
                        {
                            item.Path = ReadPath(ref r, body);
                        }
                        else
                        {
                            r.Skip();
                        }

                        break;
                    case ItemKey.Extensions:
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

                        break;
                    default:
                        ReadExtra(ref r, body, item, prefix: null);
                        break;
                }
            }

            b.FlushPending();
        }

        /// <summary>The fields of an error item that <see cref="ReadItem"/> reads itself; every other name is an extra field.</summary>
        private enum ItemKey
        {
            Other,
            Code,
            Message,
            Parameter,
            TaskType,
            TaskUuid,
            Documentation,
            Details,
            RetryAfter,
            RequestId,
            Path,
            Extensions,
        }

        /// <summary>
        /// Which field the property name at the reader is: one comparison at most for an unescaped name (by its length),
        /// the whole list for an escaped one. A field that <paramref name="fields"/> does not include is
        /// <see cref="ItemKey.Other"/>, an extra field.
        /// </summary>
        private static ItemKey KeyOf(ref Utf8JsonReader r, ItemFields fields)
        {
            ItemKey key = r.ValueIsEscaped ? EscapedKeyOf(ref r) : KeyOf(r.ValueSpan);
            switch (key)
            {
                case ItemKey.Details:
                    return (fields & ItemFields.Details) != 0 ? key : ItemKey.Other;
                case ItemKey.RetryAfter:
                    return (fields & ItemFields.RetryAfter) != 0 ? key : ItemKey.Other;
                case ItemKey.RequestId:
                    return (fields & ItemFields.RequestId) != 0 ? key : ItemKey.Other;
                case ItemKey.Path:
                    return (fields & ItemFields.Path) != 0 ? key : ItemKey.Other;
                default:
                    return key;
            }
        }

        private static ItemKey KeyOf(ReadOnlySpan<byte> name)
        {
            switch (name.Length)
            {
                case 4:
                    return name.SequenceEqual("code"u8) ? ItemKey.Code : name.SequenceEqual("path"u8) ? ItemKey.Path : ItemKey.Other;
                case 7:
                    return name.SequenceEqual("message"u8) ? ItemKey.Message : name.SequenceEqual("details"u8) ? ItemKey.Details : ItemKey.Other;
                case 8:
                    return name.SequenceEqual("taskType"u8) ? ItemKey.TaskType : name.SequenceEqual("taskUUID"u8) ? ItemKey.TaskUuid : ItemKey.Other;
                case 9:
                    return name.SequenceEqual("parameter"u8) ? ItemKey.Parameter : ItemKey.Other;
                case 10:
                    return name.SequenceEqual("request_id"u8) ? ItemKey.RequestId : name.SequenceEqual("extensions"u8) ? ItemKey.Extensions : ItemKey.Other;
                case 11:
                    return name.SequenceEqual("retry_after"u8) ? ItemKey.RetryAfter : ItemKey.Other;
                case 13:
                    return name.SequenceEqual("documentation"u8) ? ItemKey.Documentation : ItemKey.Other;
                default:
                    return ItemKey.Other;
            }
        }

        /// <summary>The names <see cref="EscapedKeyOf"/> compares decoded, with their keys.</summary>
        private static readonly (byte[] Name, ItemKey Key)[] s_escapedKeys =
        {
            ("code"u8.ToArray(), ItemKey.Code),
            ("message"u8.ToArray(), ItemKey.Message),
            ("parameter"u8.ToArray(), ItemKey.Parameter),
            ("taskType"u8.ToArray(), ItemKey.TaskType),
            ("taskUUID"u8.ToArray(), ItemKey.TaskUuid),
            ("documentation"u8.ToArray(), ItemKey.Documentation),
            ("details"u8.ToArray(), ItemKey.Details),
            ("retry_after"u8.ToArray(), ItemKey.RetryAfter),
            ("request_id"u8.ToArray(), ItemKey.RequestId),
            ("path"u8.ToArray(), ItemKey.Path),
            ("extensions"u8.ToArray(), ItemKey.Extensions),
        };

        /// <summary>An escaped name (<c>"c\u006fde"</c>) is compared decoded, through <see cref="JsonValues.NameIs"/>; rare, so a table walk.</summary>
        private static ItemKey EscapedKeyOf(ref Utf8JsonReader r)
        {
            foreach ((byte[] name, ItemKey key) in s_escapedKeys)
            {
                if (JsonValues.NameIs(ref r, name))
                {
                    return key;
                }
            }

            return ItemKey.Other;
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
