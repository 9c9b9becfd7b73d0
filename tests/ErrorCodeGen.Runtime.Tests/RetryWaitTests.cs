using System;
using System.Collections.Generic;
using System.Linq;
using ErrorCodeGen;
using ErrorCodeGen.Runtime.Tests.Infrastructure;
using NUnit.Framework;

namespace ErrorCodeGen.Runtime.Tests;

/// <summary>
/// The wait rules of docs/runtime.md: never earlier than the server asked, the first readable value wins, a past date is
/// no wait, a zero wait is one immediate retry, and a wait past the sanity limit is no automatic retry.
/// </summary>
public class RetryWaitTests
{
    private static readonly DateTimeOffset s_now = new DateTimeOffset(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);

    private static ErrorResponse Cmfy(string body, params (string Name, string Value)[] headers)
        => ErrorResponseReader.Read(ErrorWireFormat.Cmfy, 429, body, TestHeaders.Of(headers), new FakeTimeProvider(s_now));

    private static CmfyCloudException Classify(ErrorResponse response) => CmfyCloudErrors.FromErrorResponse(response);

    [Test]
    public void Whole_seconds_are_the_wait_the_floating_point_conversion_gives()
    {
        // Waits.FromSeconds(long) multiplies in integers up to 900,000,000 s, where the double product is exact, and hands
        // the rest to the double conversion: every whole number of seconds gives the same wait either way.
        var random = new Random(20261202);
        IEnumerable<long> values = new long[] { -1, 0, 1, 30, 45, 86_400, 899_999_999, 900_000_000, 900_000_001, 3_153_599_999, 3_153_600_000, 3_153_600_001, long.MaxValue }
            .Concat(Enumerable.Range(0, 10_000).Select(_ => random.NextInt64(0, 4_000_000_000)));
        foreach (long seconds in values)
        {
            Assert.That(Waits.FromSeconds(seconds), Is.EqualTo(Waits.FromSeconds((double)seconds)), seconds.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        // And Retry-After reads the same with and without white space around the digits.
        foreach (string value in new[] { "30", " 30", "30 ", "\t30\t", "0", "007", "123456789012345678", "1234567890123456789" })
        {
            Assert.That(Waits.ParseRetryAfter(value, TimeProvider.System), Is.EqualTo(Waits.ParseRetryAfter(value.Trim() is var t && t.Length > 0 ? " " + t + " " : value, TimeProvider.System)), value);
        }

        Assert.That(Waits.ParseRetryAfter("30", TimeProvider.System), Is.EqualTo(TimeSpan.FromSeconds(30)));
    }

    [Test]
    public void A_past_http_date_is_no_wait_and_does_not_override_the_body_or_the_catalog()
    {
        string past = s_now.AddMinutes(-5).ToString("r");

        Assert.That(Cmfy("""{"error":{"code":"rate_limit_exceeded","retry_after":30}}""", ("Retry-After", past)).RetryAfter, Is.EqualTo(TimeSpan.FromSeconds(30)));
        Assert.That(Cmfy("""{"error":{"code":"rate_limit_exceeded"}}""", ("Retry-After", past)).RetryAfter, Is.Null);
        Assert.That(Classify(Cmfy("""{"error":{"code":"rate_limit_exceeded"}}""", ("Retry-After", past))).RetryAfter, Is.EqualTo(TimeSpan.FromSeconds(60)), "the catalog's wait");
        Assert.That(Cmfy("{}", ("Retry-After", s_now.ToString("r"))).RetryAfter, Is.Null, "now is not in the future");
    }

    [Test]
    public void A_future_http_date_is_measured_with_the_time_provider()
    {
        ErrorResponse response = Cmfy("{}", ("Retry-After", s_now.AddSeconds(90).ToString("r")));
        Assert.That(response.RetryAfter, Is.EqualTo(TimeSpan.FromSeconds(90)));
    }

    [TestCase("3", 12, 12)]
    [TestCase("12", 3, 12)]
    [TestCase("12", 12, 12)]
    public void When_header_and_body_disagree_the_longer_wins(string header, int body, int expected)
    {
        ErrorResponse response = Cmfy("{\"error\":{\"code\":\"rate_limit_exceeded\",\"retry_after\":" + body + "}}", ("Retry-After", header));
        Assert.That(response.RetryAfter, Is.EqualTo(TimeSpan.FromSeconds(expected)));
    }

    [Test]
    public void The_first_readable_value_wins_and_unreadable_values_never_erase()
    {
        Assert.That(Cmfy("{}", ("Retry-After", "30"), ("Retry-After", "soon")).RetryAfter, Is.EqualTo(TimeSpan.FromSeconds(30)));
        Assert.That(Cmfy("{}", ("Retry-After", "soon"), ("Retry-After", "20")).RetryAfter, Is.EqualTo(TimeSpan.FromSeconds(20)));
        Assert.That(Cmfy("{}", ("Retry-After", "30"), ("Retry-After", "5")).RetryAfter, Is.EqualTo(TimeSpan.FromSeconds(30)));
        Assert.That(Cmfy("{}", ("Retry-After", s_now.AddHours(-1).ToString("r")), ("Retry-After", "20")).RetryAfter, Is.EqualTo(TimeSpan.FromSeconds(20)));

        var oneHeaderTwoValues = new[] { new KeyValuePair<string, IEnumerable<string>>("Retry-After", new[] { "-1", "", "15" }) };
        Assert.That(ErrorResponseReader.Read(ErrorWireFormat.Cmfy, 429, "{}", oneHeaderTwoValues).RetryAfter, Is.EqualTo(TimeSpan.FromSeconds(15)));

        Assert.That(Cmfy("""{"error":{"retry_after":"soon","retry_after":9}}""").RetryAfter, Is.EqualTo(TimeSpan.FromSeconds(9)), "an unreadable body value is no value");
    }

    [Test]
    public void A_zero_wait_allows_one_immediate_retry_then_backs_off()
    {
        CmfyCloudException ex = Classify(Cmfy("""{"error":{"code":"rate_limit_exceeded"}}""", ("Retry-After", "0")));

        Assert.That(ex.RetryAfter, Is.EqualTo(TimeSpan.Zero));
        Assert.That(ex.GetRetryDelay(0), Is.EqualTo(TimeSpan.Zero));
        TimeSpan?[] later = Enumerable.Range(1, 8).Select(a => ex.GetRetryDelay(a)).ToArray();
        Assert.That(later, Has.All.Not.Null);
        Assert.That(later.Select(d => d!.Value), Has.All.GreaterThanOrEqualTo(TimeSpan.FromSeconds(1)));
        Assert.That(later.Select(d => d!.Value), Is.Ordered);
        ex.GetRetryDelay(1, out string reason);
        Assert.That(reason, Does.Contain("immediate"));

        CmfyCloudException backoff = CmfyCloudErrors.FromResponse(500, """{"error":{"code":"internal_error"}}""", TestHeaders.Of(("Retry-After", "0")));
        Assert.That(backoff.GetRetryDelay(0), Is.EqualTo(TimeSpan.FromSeconds(1)), "backoff is never shorter than its base");
        Assert.That(backoff.GetRetryDelay(3), Is.EqualTo(TimeSpan.FromSeconds(8)));
    }

    [TestCase("1000000000000")]
    [TestCase("3601")]
    [TestCase("DATE+10Y")]
    public void A_wait_past_the_sanity_limit_is_no_automatic_retry(string header)
    {
        string value = header == "DATE+10Y" ? s_now.AddYears(10).ToString("r") : header;
        CmfyCloudException ex = Classify(Cmfy("""{"error":{"code":"rate_limit_exceeded"}}""", ("Retry-After", value)));

        Assert.That(ex.IsRetryable, Is.True);
        Assert.That(ex.RetryAfter, Is.GreaterThan(ApiErrorException.MaxAutomaticRetryDelay), "RetryAfter still reports what the server said");
        for (int attempt = 0; attempt < 5; attempt++)
        {
            Assert.That(ex.GetRetryDelay(attempt, out string reason), Is.Null);
            Assert.That(reason, Does.Contain("longer than the 60 min limit"));
        }
    }

    [Test]
    public void A_wait_at_the_limit_is_retried()
    {
        CmfyCloudException ex = Classify(Cmfy("""{"error":{"code":"rate_limit_exceeded"}}""", ("Retry-After", "3600")));
        Assert.That(ex.GetRetryDelay(0), Is.EqualTo(TimeSpan.FromHours(1)));
    }

    [Test]
    public void Huge_values_are_reported_without_overflow()
    {
        foreach (string value in new[] { "1e308", "99999999999999999999999", "1000000000000" })
        {
            TimeSpan? wait = Cmfy("{}", ("Retry-After", value)).RetryAfter;
            Assert.That(wait is null || wait.Value <= TimeSpan.FromDays(36500), value);
        }

        Assert.That(Cmfy("{}", ("Retry-After", "1000000000000")).RetryAfter, Is.EqualTo(TimeSpan.FromDays(36500)));
        Assert.That(Cmfy("""{"error":{"retry_after":1e300}}""").RetryAfter, Is.EqualTo(TimeSpan.FromDays(36500)));
    }

    [Test]
    public void A_wait_past_the_range_of_a_double_is_the_longest_wait_not_none()
    {
        // 10^309 seconds parses as infinity: still a wait of decades, so never retried automatically.
        string digits = "1" + new string('0', 309);
        foreach (ErrorResponse response in new[]
        {
            Cmfy("{}", ("Retry-After", digits)),
            Cmfy("{}", ("Retry-After", digits + ".5")),
            Cmfy("""{"error":{"code":"rate_limit_exceeded","retry_after":1e400}}"""),
            Cmfy("""{"error":{"code":"rate_limit_exceeded","retry_after":"1e400"}}"""),
        })
        {
            Assert.That(response.RetryAfter, Is.EqualTo(TimeSpan.FromDays(36500)));
            Assert.That(Classify(response).GetRetryDelay(0), Is.Null, "a wait longer than an hour is no automatic retry");
        }

        Assert.That(Cmfy("""{"error":{"retry_after":-1e400}}""").RetryAfter, Is.Null, "a negative wait is none");
    }

    [Test]
    public void Every_null_delay_says_why()
    {
        RunComfyTrainerException notRetryable = RunComfyTrainerErrors.FromResponse(422, """{"error_code":42258}""");
        Assert.That(notRetryable.GetRetryDelay(0, out string reason), Is.Null);
        Assert.That(reason, Is.EqualTo("the error is not retryable"));

        Assert.That(notRetryable.GetRetryDelay(-1, out reason), Is.Null);

        // Trainer 50052 JOB_CREATE_FAILED is "retry: once" ("Retry job submission once.").
        RunComfyTrainerException once = RunComfyTrainerErrors.FromResponse(500, """{"error_code":50052}""");
        Assert.That(once.RetryStrategy, Is.EqualTo(RetryStrategy.Once));
        Assert.That(once.GetRetryDelay(0, out reason), Is.Not.Null);
        Assert.That(once.GetRetryDelay(1, out reason), Is.Null);
        Assert.That(reason, Does.Contain("one retry"));
    }

    [Test]
    public void Delay_strategy_waits_what_was_asked_on_every_attempt()
    {
        CmfyCloudException ex = Classify(Cmfy("""{"error":{"code":"queue_full","retry_after":7}}"""));
        Assert.That(Enumerable.Range(0, 4).Select(a => ex.GetRetryDelay(a)), Has.All.EqualTo(TimeSpan.FromSeconds(7)));
    }
}

/// <summary>A clock that says what the test says (Microsoft.Extensions.TimeProvider.Testing is not in our registry).</summary>
internal sealed class FakeTimeProvider : TimeProvider
{
    public FakeTimeProvider(DateTimeOffset now) => Now = now;

    public DateTimeOffset Now { get; set; }

    public override DateTimeOffset GetUtcNow() => Now;
}
