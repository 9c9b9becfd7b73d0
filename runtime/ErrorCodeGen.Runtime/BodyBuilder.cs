using System;
using System.Collections.Generic;

namespace ErrorCodeGen
{
    /// <summary>What one pass over a body has found so far; kept when the body breaks off.</summary>
    internal sealed class BodyBuilder
    {
        public ErrorBodyKind Kind = ErrorBodyKind.Json;
        public string? Problem;
        public string? RequestId;
        public TimeSpan? RetryAfter;
        public string? NonJsonExcerpt;
        public bool HasErrorPayload;

        /// <summary>The item being read; flushed into <see cref="Errors"/> when it ends or the body breaks off.</summary>
        public ErrorItemBuilder? Pending;

        public List<ApiError> Errors { get; } = new List<ApiError>();

        /// <summary>Whether <see cref="ReaderLimits.MaxErrors"/> items are kept: later ones are skipped unread.</summary>
        public bool IsFull => Errors.Count >= ReaderLimits.MaxErrors;

        public void FlushPending()
        {
            ErrorItemBuilder? pending = Pending;
            Pending = null;
            if (pending != null)
            {
                Add(pending);
            }
        }

        public void Add(ErrorItemBuilder item)
        {
            if (!item.IsEmpty && !IsFull)
            {
                Errors.Add(item.Build());
            }
        }
    }
}
