using System;
using System.Text.Json;

namespace ErrorCodeGen.Formats
{
    /// <summary>cmfy.cloud: one error object under <c>error</c>, with its details, wait and request id.</summary>
    internal sealed class CmfyFormat : ErrorBodyFormat
    {
        public override ErrorWireFormat Format => ErrorWireFormat.Cmfy;

        /// <summary>cmfy.cloud: <c>{"error": {"code", "message", "details", "retry_after", "request_id"}}</c>.</summary>
        public override void ReadRoot(ref Utf8JsonReader r, ReadOnlySpan<byte> body, BodyBuilder b)
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
                        JsonItems.ReadItem(ref r, body, b, ItemFields.Details | ItemFields.RetryAfter | ItemFields.RequestId);
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
    }
}
