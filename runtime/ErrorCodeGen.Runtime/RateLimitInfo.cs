using System;

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
    }
}
