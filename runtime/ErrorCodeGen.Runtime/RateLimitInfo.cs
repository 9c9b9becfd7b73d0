using System;
using System.Globalization;

namespace ErrorCodeGen
{
    /// <summary>The rate-limit headers of a response (<c>X-RateLimit-Limit</c>, <c>-Remaining</c>, <c>-Reset</c>).</summary>
    public sealed class RateLimitInfo
    {
        /// <summary>Creates rate-limit information.</summary>
        public RateLimitInfo(long? limit, long? remaining, DateTimeOffset? reset)
        {
            Limit = limit;
            Remaining = remaining;
            Reset = reset;
        }

        /// <summary>Requests allowed in the window.</summary>
        public long? Limit { get; }

        /// <summary>Requests left in the window.</summary>
        public long? Remaining { get; }

        /// <summary>When the window resets.</summary>
        public DateTimeOffset? Reset { get; }
    
        /// <summary>One line for logs, such as <c>RateLimit(limit 100, remaining 0, reset 2026-01-01T00:00:00.0000000+00:00)</c>.</summary>
        /// <returns>The summary line.</returns>
        public override string ToString()
            => "RateLimit(limit " + (Limit?.ToString(CultureInfo.InvariantCulture) ?? "?")
            + ", remaining " + (Remaining?.ToString(CultureInfo.InvariantCulture) ?? "?")
            + ", reset " + (Reset?.ToString("o", CultureInfo.InvariantCulture) ?? "?") + ")";
    }
}
