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
        // The facts are kept as plain values and a mask of which are present, not as seven nullable fields: the object is
        // made on the error path of every response with rate-limit headers, and this halves it.
        private readonly long _limit;
        private readonly long _remaining;
        private readonly DateTimeOffset _reset;
        private readonly long _concurrentLimit;
        private readonly long _concurrentCurrent;
        private readonly long _queueLimit;
        private readonly long _queueCurrent;
        private readonly Present _present;

        [Flags]
        internal enum Present : byte
        {
            Limit = 1,
            Remaining = 2,
            Reset = 4,
            ConcurrentLimit = 8,
            ConcurrentCurrent = 16,
            QueueLimit = 32,
            QueueCurrent = 64,
        }

        /// <summary>Creates rate-limit information.</summary>
        public RateLimitInfo(long? limit, long? remaining, DateTimeOffset? reset)
        {
            _present = Keep(limit, Present.Limit, ref _limit) | Keep(remaining, Present.Remaining, ref _remaining);
            if (reset.HasValue)
            {
                _reset = reset.Value;
                _present |= Present.Reset;
            }
        }

        /// <summary>The facts as the header scan keeps them: plain values, and which are present.</summary>
        internal RateLimitInfo(long limit, long remaining, DateTimeOffset reset, long concurrentLimit, long concurrentCurrent, long queueLimit, long queueCurrent, Present present)
        {
            _limit = limit;
            _remaining = remaining;
            _reset = reset;
            _concurrentLimit = concurrentLimit;
            _concurrentCurrent = concurrentCurrent;
            _queueLimit = queueLimit;
            _queueCurrent = queueCurrent;
            _present = present;
        }

        /// <summary>Requests allowed in the window.</summary>
        public long? Limit => Get(Present.Limit, _limit);

        /// <summary>Requests left in the window.</summary>
        public long? Remaining => Get(Present.Remaining, _remaining);

        /// <summary>When the window resets.</summary>
        public DateTimeOffset? Reset => (_present & Present.Reset) != 0 ? _reset : (DateTimeOffset?)null;

        /// <summary>Jobs that may run at once (<c>X-Concurrent-Limit</c>).</summary>
        public long? ConcurrentLimit => Get(Present.ConcurrentLimit, _concurrentLimit);

        /// <summary>Jobs running now (<c>X-Concurrent-Current</c>).</summary>
        public long? ConcurrentCurrent => Get(Present.ConcurrentCurrent, _concurrentCurrent);

        /// <summary>Jobs the queue may hold (<c>X-Queue-Limit</c>).</summary>
        public long? QueueLimit => Get(Present.QueueLimit, _queueLimit);

        /// <summary>Jobs queued now (<c>X-Queue-Current</c>).</summary>
        public long? QueueCurrent => Get(Present.QueueCurrent, _queueCurrent);

        private static Present Keep(long? value, Present flag, ref long field)
        {
            if (value is long v)
            {
                field = v;
                return flag;
            }

            return 0;
        }

        private long? Get(Present flag, long value) => (_present & flag) != 0 ? value : (long?)null;

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
