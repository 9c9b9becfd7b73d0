using System;
using System.Text.Json;

namespace ErrorCodeGen.Formats
{
    /// <summary>RunComfy (Trainer and Serverless): one error at the root.</summary>
    internal sealed class RunComfyFormat : ErrorBodyFormat
    {
        public override ErrorWireFormat Format => ErrorWireFormat.RunComfy;

        /// <summary>RunComfy: <c>{"error_code", "message" | "error_message", "detail", "request_id"}</c>.</summary>
        public override void ReadRoot(ref Utf8JsonReader r, ReadOnlySpan<byte> body, BodyBuilder b)
        {
            ErrorItemBuilder item = b.NewItem();
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
                    JsonItems.ReadDetail(ref r, body, item);
                }
                else if (JsonValues.NameIs(ref r, "request_id"u8))
                {
                    r.Read();
                    JsonValues.Take(ref b.RequestId, ref r, body, ReaderLimits.MaxRequestIdLength);
                }
                else
                {
                    JsonItems.ReadExtra(ref r, body, item, prefix: null);
                }
            }

            b.FlushPending();
        }
    }
}
