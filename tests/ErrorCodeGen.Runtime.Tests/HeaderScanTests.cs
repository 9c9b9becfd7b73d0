using System;
using System.Collections.Generic;
using ErrorCodeGen;
using ErrorCodeGen.Runtime.Tests.Infrastructure;
using NUnit.Framework;

namespace ErrorCodeGen.Runtime.Tests;

/// <summary>
/// What the header scan makes of the rate-limit and wait headers: the first readable value of each wins, a name in any case
/// or with white space around it is the same header, and a fact no header gave is absent (not zero).
/// </summary>
public class HeaderScanTests
{
    private static RateLimitInfo? Scan(params (string Name, string Value)[] headers)
        => ErrorResponseReader.Read(ErrorWireFormat.Cmfy, 429, string.Empty, TestHeaders.Of(headers)).RateLimit;

    [Test]
    public void Every_fact_is_read_from_its_header()
    {
        RateLimitInfo info = Scan(
            ("X-RateLimit-Limit", "60"), ("X-RateLimit-Remaining", "0"), ("X-RateLimit-Reset", "1699574400"),
            ("X-Concurrent-Limit", "4"), ("X-Concurrent-Current", "3"), ("X-Queue-Limit", "100"), ("X-Queue-Current", "7"))!;

        Assert.That((info.Limit, info.Remaining, info.Reset), Is.EqualTo(((long?)60, (long?)0, (DateTimeOffset?)DateTimeOffset.FromUnixTimeSeconds(1699574400))));
        Assert.That((info.ConcurrentLimit, info.ConcurrentCurrent, info.QueueLimit, info.QueueCurrent), Is.EqualTo(((long?)4, (long?)3, (long?)100, (long?)7)));
    }

    [Test]
    public void The_first_readable_value_of_each_header_wins()
    {
        RateLimitInfo info = Scan(
            ("X-RateLimit-Limit", "lots"), ("X-RateLimit-Limit", " 60 "), ("X-RateLimit-Limit", "70"),
            ("X-RateLimit-Reset", "-5"), ("X-RateLimit-Reset", "99999999999999"), ("X-RateLimit-Reset", "1699574400"), ("X-RateLimit-Reset", "1"),
            ("X-Queue-Current", "-2"), ("X-Queue-Current", "9"))!;

        Assert.That(info.Limit, Is.EqualTo(60), "an unreadable value is passed over; white space around digits is read");
        Assert.That(info.Reset, Is.EqualTo(DateTimeOffset.FromUnixTimeSeconds(1699574400)), "a reset before 1970 or past year 9999 is passed over");
        Assert.That(info.QueueCurrent, Is.EqualTo(-2), "a negative count is a value as sent");
        Assert.That((info.Remaining, info.ConcurrentLimit, info.ConcurrentCurrent, info.QueueLimit), Is.EqualTo(((long?)null, (long?)null, (long?)null, (long?)null)));
    }

    [Test]
    public void A_header_name_in_any_case_or_padded_is_the_same_header()
    {
        RateLimitInfo info = Scan(("x-ratelimit-limit", "1"), ("X-RATELIMIT-RESET", "2"), (" X-RateLimit-Remaining\t", "3"), ("x-CONCURRENT-current", "4"))!;

        Assert.That((info.Limit, info.Reset, info.Remaining, info.ConcurrentCurrent), Is.EqualTo(((long?)1, (DateTimeOffset?)DateTimeOffset.FromUnixTimeSeconds(2), (long?)3, (long?)4)));
        ErrorResponse read = ErrorResponseReader.Read(ErrorWireFormat.Cmfy, 429, string.Empty, TestHeaders.Of(("retry-after", "7"), ("x-request-id", "req_1")));
        Assert.That((read.RetryAfter, read.RequestId), Is.EqualTo(((TimeSpan?)TimeSpan.FromSeconds(7), "req_1")));
    }

    [Test]
    public void Names_of_the_same_length_that_are_not_ours_give_nothing()
    {
        // Each of our names with one character changed (the scan decides by length, then by the name).
        var near = new List<(string, string)>();
        foreach (string name in new[] { "X-RateLimit-Limit", "X-RateLimit-Reset", "X-RateLimit-Remaining", "X-Queue-Limit", "X-Concurrent-Current" })
        {
            for (int i = 0; i < name.Length; i++)
            {
                char[] changed = name.ToCharArray();
                changed[i] = '#';
                near.Add((new string(changed), "5"));
            }
        }

        Assert.That(Scan(near.ToArray()), Is.Null);
    }

    [Test]
    public void A_rate_limit_header_with_no_readable_value_still_says_the_headers_came()
    {
        // As before: the response carried rate-limit headers, but none could be read.
        RateLimitInfo info = Scan(("X-RateLimit-Limit", "n/a"))!;
        Assert.That(info, Is.Not.Null);
        Assert.That(info.ToString(), Is.EqualTo("RateLimit(limit ?, remaining ?, reset ?)"));
    }
}
