using System.Collections.Generic;
using System.ComponentModel;
using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace ErrorCodeGen.Http
{
    /// <summary>
    /// What the retry layer tells observers: events on <see cref="Activity.Current"/> and counters on a <see cref="Meter"/>
    /// named <see cref="Name"/>. Tags are the provider, the HTTP status, the verdict, the attempt and the reason in words:
    /// never a header, a query string, a path or a credential.
    /// </summary>
    public static class ApiErrorRetryTelemetry
    {
        /// <summary>The name of the <see cref="Meter"/> (and of the activity events' prefix, <c>errorcodegen.</c>).</summary>
        public const string Name = "ErrorCodeGen";

        private static readonly Meter s_meter = new Meter(Name);

        /// <summary>The source of the <c>errorcodegen.retry_wait</c> activities: one per wait between attempts, when someone listens.</summary>
        internal static readonly ActivitySource Source = new ActivitySource(Name);

        /// <summary>Every attempt sent, first tries and retries.</summary>
        private static readonly Counter<long> Attempts = s_meter.CreateCounter<long>("errorcodegen.http.attempts", "{attempt}", "HTTP attempts sent through the ErrorCodeGen retry layer.");

        /// <summary>Every retry decided (before its wait).</summary>
        private static readonly Counter<long> Retries = s_meter.CreateCounter<long>("errorcodegen.http.retries", "{retry}", "Retries decided by the ErrorCodeGen retry layer.");

        /// <summary>Every failure returned or thrown without a further retry, by verdict.</summary>
        private static readonly Counter<long> GiveUps = s_meter.CreateCounter<long>("errorcodegen.http.give_ups", "{failure}", "Failures given up on by the ErrorCodeGen retry layer, by reason.");

        /// <summary>Counts one attempt sent for <paramref name="provider"/>; the retry handler and the Polly strategy call it.</summary>
        /// <param name="provider">The provider's C# name.</param>
        [EditorBrowsable(EditorBrowsableState.Never)]
        public static void RecordAttempt(string provider)
        {
            if (Attempts.Enabled)
            {
                Attempts.Add(1, new KeyValuePair<string, object?>("errorcodegen.provider", provider));
            }
        }

        /// <summary>Starts the activity that covers one wait before a retry (null when nobody listens to <see cref="Name"/>).</summary>
        internal static Activity? StartWait(string provider, int attempt, RetryAdvice advice)
        {
            Activity? activity = Source.StartActivity("errorcodegen.retry_wait", ActivityKind.Internal);
            if (activity != null)
            {
                activity.SetTag("errorcodegen.provider", provider);
                activity.SetTag("errorcodegen.attempt", attempt);
                activity.SetTag("errorcodegen.delay_ms", advice.Delay.TotalMilliseconds);
                activity.SetTag("errorcodegen.reason", advice.Reason);
            }

            return activity;
        }

        /// <summary>Counts and traces one decision of <see cref="RetryAdvisor.Decide"/>.</summary>
        internal static void Decided(string provider, ApiErrorException error, int attempt, RetryAdvice advice)
        {
            var tags = new TagList
            {
                { "errorcodegen.provider", provider },
                { "errorcodegen.verdict", advice.VerdictName },
                { "http.response.status_code", error.HttpStatus },
            };
            if (advice.ShouldRetry)
            {
                Retries.Add(1, tags);
            }
            else
            {
                GiveUps.Add(1, tags);
            }

            Activity? activity = Activity.Current;
            if (activity != null && activity.IsAllDataRequested)
            {
                activity.AddEvent(new ActivityEvent(advice.ShouldRetry ? "errorcodegen.retry" : "errorcodegen.give_up", tags: new ActivityTagsCollection
                {
                    { "errorcodegen.provider", provider },
                    { "errorcodegen.attempt", attempt },
                    { "errorcodegen.verdict", advice.VerdictName },
                    { "errorcodegen.delay_ms", advice.Delay.TotalMilliseconds },
                    { "errorcodegen.reason", advice.Reason },
                    { "errorcodegen.code", error.Descriptor?.Code },
                    { "http.response.status_code", error.HttpStatus },
                }));
            }
        }
    }
}
