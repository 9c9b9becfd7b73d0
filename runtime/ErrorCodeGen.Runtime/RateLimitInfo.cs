using System;
using System.Globalization;

namespace ErrorCodeGen
{
    /// <summary>
    /// The rate-limit headers of a response: <c>X-RateLimit-Limit</c>, <c>-Remaining</c> and <c>-Reset</c>, and the
    /// concurrency and queue headers cmfy.cloud sends on every response (<c>X-Concurrent-Limit</c>, <c>X-Concurrent-Current</c>,
    /// <c>X-Queue-Limit</c>, <c>X-Queue-Current</c>).
    /// </summary>
    public sealed class RateLimitInfo
    {
        /// <summary>Creates rate-limit information.</summary>
        public RateLimitInfo(long? limit, long? remaining, DateTimeOffset? reset)
        {
            Limit = limit;
            Remaining = remaining;
            Reset = reset;
        }

        internal RateLimitInfo(long? limit, long? remaining, DateTimeOffset? reset, long? concurrentLimit, long? concurrentCurrent, long? queueLimit, long? queueCurrent)
            : this(limit, remaining, reset)
        {
            ConcurrentLimit = concurrentLimit;
            ConcurrentCurrent = concurrentCurrent;
            QueueLimit = queueLimit;
            QueueCurrent = queueCurrent;
        }

        /// <summary>Requests allowed in the window.</summary>
        public long? Limit { get; }

        /// <summary>Requests left in the window.</summary>
        public long? Remaining { get; }

        /// <summary>When the window resets.</summary>
        public DateTimeOffset? Reset { get; }

        /// <summary>Jobs that may run at once (<c>X-Concurrent-Limit</c>).</summary>
        public long? ConcurrentLimit { get; }

        /// <summary>Jobs running now (<c>X-Concurrent-Current</c>).</summary>
        public long? ConcurrentCurrent { get; }

        /// <summary>Jobs the queue may hold (<c>X-Queue-Limit</c>).</summary>
        public long? QueueLimit { get; }

        /// <summary>Jobs queued now (<c>X-Queue-Current</c>).</summary>
        public long? QueueCurrent { get; }
    
        /// <summary>One line for logs, such as <c>RateLimit(limit 100, remaining 0, reset 2026-01-01T00:00:00.0000000+00:00)</c>.</summary>
        /// <returns>The summary line.</returns>
        public override string ToString()
            => "RateLimit(limit " + (Limit?.ToString(CultureInfo.InvariantCulture) ?? "?")
            + ", remaining " + (Remaining?.ToString(CultureInfo.InvariantCulture) ?? "?")
            + ", reset " + (Reset?.ToString("o", CultureInfo.InvariantCulture) ?? "?")
            + (ConcurrentLimit.HasValue || ConcurrentCurrent.HasValue ? ", concurrent " + Number(ConcurrentCurrent) + "/" + Number(ConcurrentLimit) : string.Empty)
            + (QueueLimit.HasValue || QueueCurrent.HasValue ? ", queue " + Number(QueueCurrent) + "/" + Number(QueueLimit) : string.Empty)
            + ")";

        private static string Number(long? n) => n?.ToString(CultureInfo.InvariantCulture) ?? "?";
    }
}
