using System;
using System.Text.Json;

namespace ErrorCodeGen.Formats
{
    /// <summary>A root object with an <c>errors</c> array: Runware (task errors) and GraphQL (field errors, with a path).</summary>
    internal sealed class ErrorsArrayFormat : ErrorBodyFormat
    {
        private readonly ItemFields _fields;

        public ErrorsArrayFormat(ErrorWireFormat format, ItemFields fields)
        {
            Format = format;
            _fields = fields;
        }

        public override ErrorWireFormat Format { get; }

        /// <summary>
        /// Runware and GraphQL: a root object with an <c>errors</c> array, one item per failed task or field.
        /// Runware items: <c>code, message, parameter, taskType, taskUUID, documentation</c>; GraphQL items:
        /// <c>message, extensions.code, path, locations</c>. Every other field is kept as raw JSON.
        /// </summary>
        public override void ReadRoot(ref Utf8JsonReader r, ReadOnlySpan<byte> body, BodyBuilder b)
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
                        JsonItems.ReadErrorsArray(ref r, body, b, _fields);
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
    }
}
