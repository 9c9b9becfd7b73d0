using System;

namespace ErrorCodeGen
{
    /// <summary>
    /// The backoff a catalog states for a provider or for one of its entries (<c>backoff:</c> in the catalog): the first
    /// wait, the longest wait, the jitter and how many attempts to make in all. Each is null when the catalog does not say;
    /// then the entry's provider, and after it the built-in default, decides (docs/retries.md).
    /// </summary>
    public sealed class RetryParameters
    {
        /// <summary>Creates the parameters; leave out what the catalog does not state.</summary>
        /// <param name="baseDelay">The wait before the first retry; the backoff doubles from it.</param>
        /// <param name="maxBackoff">The longest backoff wait (the cap of the doubling).</param>
        /// <param name="jitter">The random part added to a backoff wait, as a fraction of it (0.1 is up to 10% more).</param>
        /// <param name="maxAttempts">How many attempts to make in all, the first one included (5 is the first and 4 retries).</param>
        public RetryParameters(TimeSpan? baseDelay = null, TimeSpan? maxBackoff = null, double? jitter = null, int? maxAttempts = null)
        {
            if (baseDelay < TimeSpan.Zero || maxBackoff < TimeSpan.Zero)
            {
                throw new ArgumentOutOfRangeException(baseDelay < TimeSpan.Zero ? nameof(baseDelay) : nameof(maxBackoff), "A wait must not be negative.");
            }

            if (jitter is double j && (double.IsNaN(j) || j < 0 || j > 1))
            {
                throw new ArgumentOutOfRangeException(nameof(jitter), jitter, "The jitter is a fraction from 0 to 1.");
            }

            if (maxAttempts < 1)
            {
                throw new ArgumentOutOfRangeException(nameof(maxAttempts), maxAttempts, "At least one attempt is made.");
            }

            BaseDelay = baseDelay;
            MaxBackoff = maxBackoff;
            Jitter = jitter;
            MaxAttempts = maxAttempts;
        }

        /// <summary>The wait before the first retry, from which the backoff doubles; null when not stated.</summary>
        public TimeSpan? BaseDelay { get; }

        /// <summary>The longest backoff wait; null when not stated.</summary>
        public TimeSpan? MaxBackoff { get; }

        /// <summary>The random part added to a backoff wait, as a fraction of it (0.1: up to 10% more); null when not stated.</summary>
        public double? Jitter { get; }

        /// <summary>How many attempts to make in all, the first included; null when not stated.</summary>
        public int? MaxAttempts { get; }

        /// <summary>Each value of <paramref name="first"/>, else of <paramref name="then"/>; null when both are null.</summary>
        internal static RetryParameters? Merge(RetryParameters? first, RetryParameters? then)
        {
            if (first is null || then is null)
            {
                return first ?? then;
            }

            return new RetryParameters(first.BaseDelay ?? then.BaseDelay, first.MaxBackoff ?? then.MaxBackoff, first.Jitter ?? then.Jitter, first.MaxAttempts ?? then.MaxAttempts);
        }

        /// <inheritdoc/>
        public override string ToString()
        {
            var parts = new System.Collections.Generic.List<string>(4);
            if (BaseDelay.HasValue)
            {
                parts.Add("base " + BaseDelay.Value.TotalSeconds.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture) + " s");
            }

            if (MaxBackoff.HasValue)
            {
                parts.Add("cap " + MaxBackoff.Value.TotalSeconds.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture) + " s");
            }

            if (Jitter.HasValue)
            {
                parts.Add("jitter " + (Jitter.Value * 100).ToString("0.##", System.Globalization.CultureInfo.InvariantCulture) + "%");
            }

            if (MaxAttempts.HasValue)
            {
                parts.Add(MaxAttempts.Value.ToString(System.Globalization.CultureInfo.InvariantCulture) + " attempts");
            }

            return string.Join(", ", parts);
        }
    }
}
