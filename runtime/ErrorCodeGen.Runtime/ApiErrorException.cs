using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace ErrorCodeGen
{
    /// <summary>
    /// The base of every generated provider exception: an error response from a vendor's API, classified against
    /// the vendor's catalog. Says what went wrong (<see cref="Exception.Message"/>, one line), what to do
    /// (<see cref="Remediation"/>) and whether and when to retry (<see cref="IsRetryable"/>,
    /// <see cref="RetryAfter"/>, <see cref="GetRetryDelay(int)"/>). Never carries request headers or credentials.
    /// </summary>
    public class ApiErrorException : Exception
    {
        private static readonly TimeSpan s_backoffBase = TimeSpan.FromSeconds(1);
        private static readonly TimeSpan s_backoffCap = TimeSpan.FromSeconds(60);

        /// <summary>
        /// Creates the exception for <paramref name="response"/>, classified by <paramref name="descriptor"/> (a known
        /// code) or <paramref name="statusRule"/> (the HTTP status), going by <paramref name="retrySource"/>.
        /// </summary>
        /// <param name="provider">The provider's C# name.</param>
        /// <param name="response">The response as read.</param>
        /// <param name="descriptor">The code's catalog entry, or null when the code is unknown.</param>
        /// <param name="statusRule">The catalog's rule for the HTTP status, or null.</param>
        /// <param name="retrySource">Which part of the response the provider says to go by when deciding whether to retry.</param>
        /// <param name="innerException">The exception that caused this one, or null.</param>
        protected ApiErrorException(string provider, ErrorResponse response, ErrorDescriptor? descriptor, StatusRule? statusRule, RetrySource retrySource, Exception? innerException)
            : this(provider, null, response, descriptor, statusRule, family: null, retrySource, innerException)
        {
        }

        /// <summary>
        /// Creates the exception for <paramref name="response"/>, classified by <paramref name="descriptor"/> (a known
        /// code), <paramref name="statusRule"/> (the HTTP status) or, for a request that got no response, the provider's
        /// transport rule; with the provider's backoff and support contact.
        /// </summary>
        /// <param name="providerRules">What the catalog says about the provider as a whole (<c>PErrors.ProviderRules</c>).</param>
        /// <param name="response">The response as read.</param>
        /// <param name="descriptor">The code's catalog entry, or null when the code is unknown.</param>
        /// <param name="statusRule">The catalog's rule for the HTTP status, or null.</param>
        /// <param name="innerException">The exception that caused this one, or null.</param>
        protected ApiErrorException(ProviderRules providerRules, ErrorResponse response, ErrorDescriptor? descriptor, StatusRule? statusRule, Exception? innerException)
            : this(providerRules, response, descriptor, statusRule, family: null, innerException)
        {
        }

        /// <summary>
        /// Creates the exception for <paramref name="response"/>, classified by <paramref name="descriptor"/> (a known
        /// code), else <paramref name="family"/> (an unknown code of a declared family), or <paramref name="statusRule"/>
        /// (the HTTP status) or, for a request that got no response, the provider's transport rule; with the provider's
        /// backoff and support contact. Generated code calls it for catalogs that declare families.
        /// </summary>
        /// <param name="providerRules">What the catalog says about the provider as a whole (<c>PErrors.ProviderRules</c>).</param>
        /// <param name="response">The response as read.</param>
        /// <param name="descriptor">The code's catalog entry, or null when the code is unknown.</param>
        /// <param name="statusRule">The catalog's rule for the HTTP status, or null.</param>
        /// <param name="family">The family an unknown code belongs to, or null (ignored when <paramref name="descriptor"/> is given).</param>
        /// <param name="innerException">The exception that caused this one, or null.</param>
        protected ApiErrorException(ProviderRules providerRules, ErrorResponse response, ErrorDescriptor? descriptor, StatusRule? statusRule, ErrorFamily? family, Exception? innerException)
            : this(
                (providerRules ?? throw new ArgumentNullException(nameof(providerRules))).Provider,
                providerRules,
                response,
                descriptor,
                statusRule,
                family,
                providerRules.RetrySource,
                innerException)
        {
        }

        /// <summary>
        /// Creates the exception for <paramref name="response"/>, classified by <paramref name="descriptor"/> (a known
        /// code), else <paramref name="family"/> (an unknown code of a declared family), or <paramref name="statusRule"/>
        /// (the HTTP status), going by <paramref name="retrySource"/>.
        /// </summary>
        /// <param name="provider">The provider's C# name.</param>
        /// <param name="response">The response as read.</param>
        /// <param name="descriptor">The code's catalog entry, or null when the code is unknown.</param>
        /// <param name="statusRule">The catalog's rule for the HTTP status, or null.</param>
        /// <param name="family">The family an unknown code belongs to, or null (ignored when <paramref name="descriptor"/> is given).</param>
        /// <param name="retrySource">Which part of the response the provider says to go by when deciding whether to retry.</param>
        /// <param name="innerException">The exception that caused this one, or null.</param>
        protected ApiErrorException(string provider, ErrorResponse response, ErrorDescriptor? descriptor, StatusRule? statusRule, ErrorFamily? family, RetrySource retrySource, Exception? innerException)
            : this(provider, null, response, descriptor, statusRule, family, retrySource, innerException)
        {
        }

        private ApiErrorException(string provider, ProviderRules? providerRules, ErrorResponse response, ErrorDescriptor? descriptor, StatusRule? statusRule, ErrorFamily? family, RetrySource retrySource, Exception? innerException)
            : base(null, innerException ?? response?.ReadException)
        {
            // The message is built when it is first read (Message, ToString()), not here: a caller that catches and retries
            // never pays for it. Every part of it is fixed by now, so building it later gives the same text.
            // Every exception is made on the error path, so its fields are few: the provider's rules stand for its name
            // (every caller that gives rules gives their name), one field holds the descriptor or else the family, and the
            // wait is a number.
            // The transport rule and the backoff are not kept: both follow from what is (FindTransportRule and
            // RetryParametersWith give the same object every time), so they are found when read.
            _provider = (object?)providerRules ?? provider ?? throw new ArgumentNullException(nameof(provider));
            Response = response ?? throw new ArgumentNullException(nameof(response));
            _entry = (CatalogEntry?)descriptor ?? family;
            StatusRule = statusRule;
            _retrySource = (byte)retrySource;
            TransportRule? transportRule = descriptor is null && statusRule is null ? providerRules?.FindTransportRule(response) : null;
            bool retryable = Classify(response, _entry, statusRule, transportRule, retrySource, out RetryStrategy strategy, out TimeSpan? suggested, out bool refused, out Decider decidedBy);
            _retryStrategy = (byte)strategy;
            _decidedBy = decidedBy;
            TimeSpan? wait = response.RetryAfter ?? suggested;
            _flags = (retryable ? Flags.Retryable : 0) | (refused ? Flags.Refused : 0) | (wait.HasValue ? Flags.HasWait : 0);
            _waitTicks = wait.GetValueOrDefault().Ticks;
        }

        /// <summary>The provider's rules, or its name for an exception created without them.</summary>
        private readonly object _provider;

        /// <summary>The descriptor, or else the family.</summary>
        private readonly CatalogEntry? _entry;

        private readonly long _waitTicks;

        // The enums and flags of the classification in four bytes (every exception is made on the error path).
        private readonly byte _retrySource;
        private readonly byte _retryStrategy;
        private readonly Decider _decidedBy;
        private readonly Flags _flags;

        [Flags]
        private enum Flags : byte
        {
            Retryable = 1,
            Refused = 2,
            HasWait = 4,
        }

        /// <summary>Which catalog entry decided the classification (and so whose backoff applies).</summary>
        private enum Decider : byte
        {
            None,
            Entry,
            Status,
            Transport,
        }

        /// <summary>What the catalog says about the provider as a whole, or null for an exception created without it.</summary>
        public ProviderRules? ProviderRules => _provider as ProviderRules;

        /// <summary>The catalog's rule for a request that got no response (a time-out, a connection error), when it has one.</summary>
        public TransportRule? TransportRule => Descriptor is null && StatusRule is null ? ProviderRules?.FindTransportRule(Response) : null;

        /// <summary>
        /// The backoff the catalog states for this error: the deciding entry's, each value it leaves out taken from the
        /// provider's; null when the catalog states none (then the built-in 1 s doubling to 60 s applies).
        /// </summary>
        public RetryParameters? RetryParameters
        {
            get
            {
                RetryParameters? provider = ProviderRules?.RetryParameters;
                CatalogEntry? decidedBy = _decidedBy switch
                {
                    Decider.Entry => _entry,
                    Decider.Status => StatusRule,
                    Decider.Transport => TransportRule,
                    _ => null,
                };
                return decidedBy is null ? provider : decidedBy.RetryParametersWith(provider);
            }
        }

        /// <summary>Where the vendor says to get help and what to send, when the catalog says (also the last paragraph of <see cref="Remediation"/>).</summary>
        public SupportContact? Support => ProviderRules?.Support;

        /// <summary>
        /// The one-line message: provider, code and name, HTTP status, the catalog's summary and the server's message
        /// (docs/runtime.md). Built on first read and kept; <see cref="Exception.ToString()"/> reads it through this property.
        /// </summary>
        public override string Message
        {
            get
            {
                // Racing first reads build the same text; either copy may be kept.
                return _message ??= BuildMessage(Provider, Response, Descriptor, StatusRule, Family);
            }
        }

        /// <summary>Whether <see cref="Message"/> has been built (for the tests of what the error path does not do).</summary>
        internal bool IsMessageBuilt => _message != null;

        private string? _message;

        /// <summary>The provider's C# name, such as <c>RunComfyTrainer</c>.</summary>
        public string Provider => _provider as string ?? ((ProviderRules)_provider).Provider;

        /// <summary>The primary error's code exactly as on the wire (kept even when it is not in the catalog).</summary>
        public string? RawCode => Response.RawCode;

        /// <summary>The HTTP status, or <see langword="null"/> for a message without one (WebSocket).</summary>
        public int? HttpStatus => Response.HttpStatus;

        /// <summary>
        /// Whether repeating the same request may succeed: from the code's catalog entry, else the catalog's status rule,
        /// else the HTTP status class (408, 425, 429 and 5xx but 501/505 are transient). For providers whose rule is
        /// <see cref="RetrySource.Status"/>, the status decides whenever there is one.
        /// </summary>
        public bool IsRetryable => (_flags & Flags.Retryable) != 0;

        /// <summary>
        /// Whether the catalog entry that decided says the server refused the request without acting on it (a rate limit, a
        /// full queue): then even a POST without an idempotency key may be repeated (see <see cref="RetryAdvisor"/>).
        /// </summary>
        public bool IsRefused => (_flags & Flags.Refused) != 0;

        /// <summary>
        /// The name of the catalog's exception group of this error (<c>Validation</c>, <c>RateLimit</c>, …), or
        /// <see langword="null"/> when it belongs to none: callers of an SDK whose generated types are internal can still
        /// branch on it.
        /// </summary>
        public virtual string? ErrorGroup => null;

        /// <summary>How to retry, when <see cref="IsRetryable"/>.</summary>
        public RetryStrategy RetryStrategy => (RetryStrategy)_retryStrategy;

        /// <summary>Whether the code or the HTTP status decided <see cref="IsRetryable"/> (the provider's documented rule).</summary>
        public RetrySource RetrySource => (RetrySource)_retrySource;

        /// <summary>
        /// How long the server asked to wait (the longer of the <c>Retry-After</c> header and the body's <c>retry_after</c>),
        /// else the catalog's suggested wait. Reports what the server said even when it is too long to retry automatically
        /// (see <see cref="GetRetryDelay(int, out string)"/>).
        /// </summary>
        public TimeSpan? RetryAfter => (_flags & Flags.HasWait) != 0 ? new TimeSpan(_waitTicks) : null;

        /// <summary>The request id the server sent, for support.</summary>
        public string? RequestId => Response.RequestId;

        /// <summary>The catalog's entry for the code, or <see langword="null"/> when the code is not in the catalog.</summary>
        public ErrorDescriptor? Descriptor => _entry as ErrorDescriptor;

        /// <summary>
        /// The catalog's family of codes an unknown code belongs to (by prefix, suffix or a part it contains), or
        /// <see langword="null"/>: always null when <see cref="Descriptor"/> is set, since a known code beats a family.
        /// </summary>
        public ErrorFamily? Family => _entry as ErrorFamily;

        /// <summary>
        /// Whether the catalog says the fix is to refresh the credentials (an expired access token) and call again: the code's
        /// entry (or its family) or the status rule is marked <c>refresh_credentials</c>. Not retried blindly: see
        /// <see cref="RetryVerdict.RefreshCredentials"/> and <c>ApiErrorRetryOptions.RefreshCredentialsAsync</c>.
        /// </summary>
        public bool RequiresCredentialRefresh
            => Descriptor?.RefreshCredentials == true || Family?.RefreshCredentials == true || StatusRule?.RefreshCredentials == true;

        /// <summary>The catalog's rule for the HTTP status, when it has one.</summary>
        public StatusRule? StatusRule { get; }

        /// <summary>
        /// What to do about it, in plain text: the code's remediation (or its family's), else the status rule's, else the
        /// transport rule's; followed by the provider's support contact (<see cref="Support"/>) when the catalog gives one.
        /// </summary>
        public string? Remediation
        {
            get
            {
                string? text = Descriptor?.Remediation ?? Family?.Remediation;
                if (string.IsNullOrEmpty(text))
                {
                    text = StatusRule?.Remediation;
                }

                if (string.IsNullOrEmpty(text))
                {
                    text = TransportRule?.Remediation;
                }

                string? support = Support?.Text;
                if (!string.IsNullOrEmpty(support))
                {
                    text = string.IsNullOrEmpty(text) ? support : text + "\n\n" + support;
                }

                return string.IsNullOrEmpty(text) ? null : text;
            }
        }

        /// <summary>The server's message for the primary error, as sent.</summary>
        public string? ServerMessage => Response.Message;

        /// <summary>Every error of the body (Runware and GraphQL bodies carry several), the primary one first.</summary>
        public IReadOnlyList<ApiError> Errors => Response.Errors;

        /// <summary>The rate-limit headers of the response, when it had any.</summary>
        public RateLimitInfo? RateLimit => Response.RateLimit;

        /// <summary>The response as read, with its body kind and any parse problem.</summary>
        public ErrorResponse Response { get; }

        /// <summary>
        /// The longest wait <see cref="GetRetryDelay(int)"/> accepts (1 hour): a server that asks for more is not retried
        /// automatically (<see cref="RetryAfter"/> still says what it asked for).
        /// </summary>
        public static readonly TimeSpan MaxAutomaticRetryDelay = TimeSpan.FromHours(1);

        /// <summary>
        /// The wait before retry number <paramref name="attempt"/> (0 for the first retry), or <see langword="null"/>
        /// when the error should not be retried (again); <see cref="GetRetryDelay(int, out string)"/> also says why.
        /// </summary>
        public TimeSpan? GetRetryDelay(int attempt) => GetRetryDelay(attempt, out _);

        /// <summary>
        /// The wait before retry number <paramref name="attempt"/> (0 for the first retry), or <see langword="null"/>
        /// when the error should not be retried (again), with the reason in words either way. The rules:
        /// <list type="bullet">
        /// <item><description>Never earlier than the server asked (<see cref="RetryAfter"/>).</description></item>
        /// <item><description><see cref="RetryStrategy.Backoff"/> doubles from 1 s up to 60 s, or from the catalog's base up to its cap (<see cref="RetryParameters"/>); <see cref="RetryStrategy.Delay"/>
        /// waits <see cref="RetryAfter"/>; <see cref="RetryStrategy.Once"/> allows attempt 0 only.</description></item>
        /// <item><description>A wait of zero allows one immediate retry; later attempts back off (never a tight loop).</description></item>
        /// <item><description>A wait longer than <see cref="MaxAutomaticRetryDelay"/> is no automatic retry.</description></item>
        /// </list>
        /// No jitter is added: add your own when many clients retry at once.
        /// </summary>
        public TimeSpan? GetRetryDelay(int attempt, out string reason)
            => ComputeRetryDelay(attempt, MaxAutomaticRetryDelay, jitter: null, out _, out reason);

        /// <summary>
        /// The one place the wait is decided (<see cref="GetRetryDelay(int, out string)"/>, <see cref="RetryAdvisor"/>): the
        /// rules above, with the longest acceptable wait given and, for backoff, an optional jitter.
        /// </summary>
        /// <param name="attempt">0 for the first retry.</param>
        /// <param name="maxDelay">The longest wait that is still an automatic retry.</param>
        /// <param name="jitter">Turns the backoff for an attempt into the wait to use (full jitter), or null for none.</param>
        /// <param name="verdict">Why there is no wait, when there is none.</param>
        /// <param name="reason">The decision in words.</param>
        internal TimeSpan? ComputeRetryDelay(int attempt, TimeSpan maxDelay, Func<TimeSpan, TimeSpan, TimeSpan>? jitter, out RetryVerdict verdict, out string reason)
            => ComputeRetryDelay(attempt, maxDelay, jitter, baseOverride: null, capOverride: null, out verdict, out reason);

        /// <summary>
        /// As above, with the backoff's base and cap given by the caller (<see cref="Http.ApiErrorRetryOptions.BackoffBase"/>,
        /// <see cref="Http.ApiErrorRetryOptions.BackoffCap"/>), else the catalog's (<see cref="RetryParameters"/>), else 1 s and
        /// 60 s. With a jitter given and the catalog stating its own (<see cref="ErrorCodeGen.RetryParameters.Jitter"/>), the
        /// catalog's form is used: up to that fraction added to the backoff (never beyond <paramref name="maxDelay"/>).
        /// </summary>
        internal TimeSpan? ComputeRetryDelay(int attempt, TimeSpan maxDelay, Func<TimeSpan, TimeSpan, TimeSpan>? jitter, TimeSpan? baseOverride, TimeSpan? capOverride, out RetryVerdict verdict, out string reason)
        {
            RetryParameters? parameters = RetryParameters;
            var plan = new BackoffPlan(
                baseOverride ?? parameters?.BaseDelay ?? s_backoffBase,
                capOverride ?? parameters?.MaxBackoff ?? s_backoffCap,
                jitter,
                jitter is null ? null : parameters?.Jitter,
                maxDelay);
            if (!IsRetryable)
            {
                verdict = RetryVerdict.NotRetryable;
                reason = "the error is not retryable";
                return null;
            }

            if (attempt < 0)
            {
                verdict = RetryVerdict.RetriesExhausted;
                reason = "the attempt number is negative";
                return null;
            }

            TimeSpan? asked = RetryAfter;
            TimeSpan wait;
            switch (RetryStrategy)
            {
                case RetryStrategy.Once when attempt > 0:
                    verdict = RetryVerdict.RetriesExhausted;
                    reason = "the catalog allows one retry only";
                    return null;
                case RetryStrategy.Once:
                    wait = asked ?? plan.Base;
                    reason = asked.HasValue ? "one retry, after the wait asked for" : "one retry, after the base delay";
                    break;
                case RetryStrategy.Delay when asked.HasValue:
                    wait = asked.Value;
                    reason = "retry after the wait asked for";
                    break;
                default:
                    TimeSpan backoff = plan.Backoff(attempt);
                    wait = asked.HasValue && asked.Value > backoff ? asked.Value : backoff;
                    reason = wait == backoff ? "exponential backoff" : "exponential backoff, not earlier than the wait asked for";
                    break;
            }

            if (wait <= TimeSpan.Zero && attempt > 0)
            {
                // A zero wait is one immediate retry, not a tight loop.
                wait = plan.Backoff(attempt);
                reason = "backing off after an immediate retry";
            }

            if (wait > maxDelay)
            {
                verdict = RetryVerdict.WaitTooLong;
                reason = "the wait asked for (" + Describe(wait) + ") is longer than the " + Describe(maxDelay) + " limit for automatic retries";
                return null;
            }

            verdict = RetryVerdict.Retry;
            return wait;
        }

        /// <summary>The backoff of one decision: its base, cap and jitter, wherever each came from.</summary>
        private readonly struct BackoffPlan
        {
            private readonly Func<TimeSpan, TimeSpan, TimeSpan>? _jitter;
            private readonly double? _fraction;
            private readonly TimeSpan _maxDelay;

            public BackoffPlan(TimeSpan @base, TimeSpan cap, Func<TimeSpan, TimeSpan, TimeSpan>? jitter, double? fraction, TimeSpan maxDelay)
            {
                Base = @base;
                Cap = cap < @base ? @base : cap;
                _jitter = jitter;
                _fraction = fraction;
                _maxDelay = maxDelay;
            }

            public TimeSpan Base { get; }

            public TimeSpan Cap { get; }

            /// <summary>The backoff before retry <paramref name="attempt"/>: from the base, doubling, up to the cap; jittered when asked.</summary>
            public TimeSpan Backoff(int attempt)
            {
                TimeSpan full = attempt >= 62 || Base.Ticks > (Cap.Ticks >> Math.Min(attempt, 62))
                    ? Cap
                    : TimeSpan.FromTicks(Math.Min(Cap.Ticks, Base.Ticks << attempt));
                if (_jitter is null)
                {
                    return full;
                }

                if (_fraction is double fraction)
                {
                    // The catalog's jitter: up to the fraction more than the backoff, as the vendor's own client adds it; not
                    // beyond the longest wait allowed, so the jitter never turns a retry into none.
                    TimeSpan jittered = _jitter(full, TimeSpan.FromTicks(full.Ticks + (long)(full.Ticks * fraction)));
                    return jittered > _maxDelay && full <= _maxDelay ? _maxDelay : jittered;
                }

                return _jitter(Base, full);
            }
        }

        private static string Describe(TimeSpan wait)
        {
            if (wait.TotalSeconds < 120)
            {
                return wait.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture) + " s";
            }

            return wait.TotalHours < 48
                ? wait.TotalMinutes.ToString("0.#", CultureInfo.InvariantCulture) + " min"
                : wait.TotalDays.ToString("0.#", CultureInfo.InvariantCulture) + " days";
        }

        /// <summary>Whether an HTTP status is transient when nothing more specific is known: 408, 425, 429, and 5xx except 501 and 505.</summary>
        public static bool IsTransientStatus(int httpStatus)
            => httpStatus == 408 || httpStatus == 425 || httpStatus == 429
            || (httpStatus >= 500 && httpStatus <= 599 && httpStatus != 501 && httpStatus != 505);

        /// <summary>
        /// Decides retryability from one source, and takes the catalog's suggested wait from that same source: the
        /// code's entry, else the status rule, else the status class. With <see cref="RetrySource.Status"/>, an
        /// error status (400 or more) decides first; a 2xx carrying errors, or no status at all, falls back to the code.
        /// </summary>
        private static bool Classify(ErrorResponse response, CatalogEntry? descriptor, StatusRule? statusRule, TransportRule? transportRule, RetrySource decision, out RetryStrategy strategy, out TimeSpan? suggestedDelay, out bool refused, out Decider decidedBy)
        {
            refused = false;
            decidedBy = Decider.None;
            bool statusFirst = decision == RetrySource.Status && response.HttpStatus >= 400;
            if (!statusFirst && descriptor != null)
            {
                refused = descriptor.IsRefused;
                decidedBy = Decider.Entry;
                return From(descriptor.IsRetryable, descriptor.RetryStrategy, descriptor.SuggestedRetryDelay, out strategy, out suggestedDelay);
            }

            if (statusRule != null)
            {
                refused = statusRule.IsRefused;
                decidedBy = Decider.Status;
                return From(statusRule.IsRetryable, statusRule.RetryStrategy, statusRule.SuggestedRetryDelay, out strategy, out suggestedDelay);
            }

            if (response.BodyKind == ErrorBodyKind.NoResponse)
            {
                // No response at all: a retry may get one, but only a request that never left, or that may be repeated,
                // is safe to send again (a POST that may have been acted on is not). A catalog's transport rule can say
                // not to retry, or how; it cannot make an unsafe repeat safe.
                bool safe = !response.RequestSent || response.RequestRepeatable;
                if (transportRule != null)
                {
                    decidedBy = Decider.Transport;
                    return From(safe && transportRule.IsRetryable, transportRule.RetryStrategy, transportRule.SuggestedRetryDelay, out strategy, out suggestedDelay);
                }

                return From(safe, RetryStrategy.Backoff, null, out strategy, out suggestedDelay);
            }

            bool transient = response.HttpStatus.HasValue && IsTransientStatus(response.HttpStatus.Value);
            RetryStrategy byClass = response.RetryAfter.HasValue ? RetryStrategy.Delay : RetryStrategy.Backoff;
            return From(transient, byClass, null, out strategy, out suggestedDelay);
        }

        private static bool From(bool retryable, RetryStrategy retryStrategy, TimeSpan? delay, out RetryStrategy strategy, out TimeSpan? suggestedDelay)
        {
            strategy = retryable ? retryStrategy : RetryStrategy.None;
            suggestedDelay = retryable ? delay : null;
            return retryable;
        }

        private static string BuildMessage(string provider, ErrorResponse response, ErrorDescriptor? descriptor, StatusRule? statusRule, ErrorFamily? family)
        {
            StringBuilder sb = StringBuilderCache.Acquire(256);
            sb.Append(provider ?? "API").Append(" error");
            string? rawCode = response?.RawCode;
            if (descriptor != null)
            {
                sb.Append(' ').Append(descriptor.Code);
                if (!string.Equals(descriptor.Name, descriptor.Code, StringComparison.Ordinal))
                {
                    sb.Append(' ').Append(descriptor.Name);
                }
            }
            else if (rawCode != null)
            {
                sb.Append(" '").Append(TextExcerpt.SingleLine(rawCode, 80)).Append('\'');
            }

            AppendContext(sb, response);

            sb.Append(": ");
            if (descriptor != null)
            {
                AppendSentence(sb, descriptor.Summary);
            }
            else
            {
                if (rawCode != null)
                {
                    sb.Append("The code is not in the catalog");
                    if (family != null)
                    {
                        sb.Append(" (family ").Append(family.Name).Append(')');
                        sb.Append(". ");
                        AppendSentence(sb, family.Summary);
                    }
                    else
                    {
                        sb.Append(". ");
                    }
                }

                if (response != null && response.BodyKind != ErrorBodyKind.Json)
                {
                    AppendSentence(sb, DescribeBody(response));
                }

                if (statusRule != null)
                {
                    AppendSentence(sb, statusRule.Summary);
                }
                else if (rawCode is null && response != null && response.BodyKind == ErrorBodyKind.Json)
                {
                    AppendSentence(sb, "The body names no error code");
                }
            }

            string? serverMessage = response?.Message;
            if (!string.IsNullOrWhiteSpace(serverMessage))
            {
                sb.Append("Server said: \"").Append(TextExcerpt.SingleLine(serverMessage!, 300)).Append("\". ");
            }
            else if (response?.NonJsonExcerpt != null)
            {
                sb.Append("Server sent: \"").Append(response.NonJsonExcerpt).Append("\". ");
            }

            int extra = (response?.Errors.Count ?? 0) - 1;
            if (extra > 0)
            {
                sb.Append('(').Append(extra.ToString(CultureInfo.InvariantCulture)).Append(extra == 1 ? " more error) " : " more errors) ");
            }

            // Every sentence ends with a space for the next one; the last one's would make the line unclean, and cleaning
            // it would copy the whole message a character at a time for one space.
            while (sb.Length > 0 && sb[sb.Length - 1] == ' ')
            {
                sb.Length--;
            }

            // Every server-sent part was redacted as it was added; the rest is the catalog's own text.
            return TextExcerpt.SingleLine(StringBuilderCache.GetStringAndRelease(sb), 1000, redact: false);
        }

        /// <summary>
        /// <c> (HTTP 429, POST /v1/jobs, request req_1)</c>: what a reader of a log line needs to find the call. The path
        /// never has its query string; the path and the request id are server- or caller-given, so they are masked too.
        /// </summary>
        private static void AppendContext(StringBuilder sb, ErrorResponse? response)
        {
            if (response is null)
            {
                return;
            }

            int start = sb.Length;
            sb.Append(" (");
            if (response.HttpStatus is int status)
            {
                sb.Append("HTTP ").Append(status.ToString(CultureInfo.InvariantCulture)).Append(", ");
            }
            else if (response.BodyKind == ErrorBodyKind.NoResponse)
            {
                sb.Append("no response, ");
            }

            if (response.RequestMethod != null)
            {
                sb.Append(response.RequestMethod);
                if (response.RequestPath != null)
                {
                    sb.Append(' ').Append(TextExcerpt.SingleLine(response.RequestPath, 200));
                }

                sb.Append(", ");
            }

            if (!string.IsNullOrWhiteSpace(response.RequestId))
            {
                sb.Append("request ").Append(TextExcerpt.SingleLine(response.RequestId!, 100)).Append(", ");
            }

            if (sb.Length == start + 2)
            {
                sb.Length = start;
                return;
            }

            sb.Length -= 2;
            sb.Append(')');
        }

        private static string DescribeBody(ErrorResponse response)
        {
            switch (response.BodyKind)
            {
                case ErrorBodyKind.NoResponse:
                    return "No response" + (response.Problem is string p && p.StartsWith("no response", StringComparison.Ordinal) ? p.Substring("no response".Length) : ": " + response.Problem);
                case ErrorBodyKind.Empty:
                    return "The response has an empty body";
                case ErrorBodyKind.NotJson:
                    return "The response body is not JSON";
                default:
                    return "The response body could not be read: " + (response.Problem ?? response.BodyKind.ToString());
            }
        }

        private static void AppendSentence(StringBuilder sb, string? text)
        {
            if (string.IsNullOrWhiteSpace(text))
            {
                return;
            }

            string t = text!.Trim();
            sb.Append(t);
            char last = t[t.Length - 1];
            if (last != '.' && last != '!' && last != '?')
            {
                sb.Append('.');
            }

            sb.Append(' ');
        }
    }
}
