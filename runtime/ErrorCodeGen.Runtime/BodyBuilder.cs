using System;
using System.Collections.Generic;

namespace ErrorCodeGen
{
    /// <summary>What one pass over a body has found so far; kept when the body breaks off.</summary>
    internal sealed class BodyBuilder
    {
        public ErrorBodyKind Kind { get; set; } = ErrorBodyKind.Json;

        public string? Problem { get; set; }

        public List<ApiError> Errors { get; } = new List<ApiError>();

        public string? RequestId { get; set; }

        public TimeSpan? RetryAfter { get; set; }

        public string? NonJsonExcerpt { get; set; }

        public bool HasErrorPayload { get; set; }

        /// <summary>The item being read; flushed into <see cref="Errors"/> when it ends or the body breaks off.</summary>
        public ErrorItemBuilder? Pending { get; set; }

        public void FlushPending()
        {
            ErrorItemBuilder? pending = Pending;
            Pending = null;
            if (pending != null && !pending.IsEmpty)
            {
                Add(pending.Build());
            }
        }

        public void Add(ApiError error)
        {
            if (Errors.Count < ErrorResponseReader.MaxErrors)
            {
                Errors.Add(error);
            }
        }
    }
}
