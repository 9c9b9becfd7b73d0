using System;
using System.Net.Http;
using ErrorCodeGen;
using ErrorCodeGen.Http;
using NUnit.Framework;

namespace ErrorCodeGen.Runtime.Tests.Retries;

/// <summary>The one decision, without a server: its rules, the test factory, the exception group and what a log line says.</summary>
public class RetryAdvisorTests
{
    private static HttpRequestMessage Request(HttpMethod method, string? key = null)
    {
        var request = new HttpRequestMessage(method, "https://api.example/v1/jobs?api_key=SECRET");
        if (key != null)
        {
            request.Headers.Add("Idempotency-Key", key);
        }

        return request;
    }

    [Test]
    public void Request_safety_decides_for_POST_and_PATCH_only()
    {
        CmfyCloudException serverError = CmfyCloudErrors.Create(CmfyCloudErrorCode.InternalError, 500);
        var options = new ApiErrorRetryOptions { UseJitter = false };

        foreach (HttpMethod safe in new[] { HttpMethod.Get, HttpMethod.Head, HttpMethod.Options, HttpMethod.Put, HttpMethod.Delete, HttpMethod.Trace })
        {
            Assert.That(RetryAdvisor.Decide(serverError, Request(safe), 0, options).ShouldRetry, Is.True, safe.Method);
        }

        foreach (HttpMethod unsafeMethod in new[] { HttpMethod.Post, new HttpMethod("PATCH") })
        {
            RetryAdvice advice = RetryAdvisor.Decide(serverError, Request(unsafeMethod), 0, options);
            Assert.That(advice.Verdict, Is.EqualTo(RetryVerdict.UnsafeToRepeat), unsafeMethod.Method);
            Assert.That(advice.Reason, Does.Contain("without an Idempotency-Key header").And.Contain("HTTP 500"));
            Assert.That(RetryAdvisor.Decide(serverError, Request(unsafeMethod, key: "k1"), 0, options).ShouldRetry, Is.True);
        }

        // A custom key header, and none at all.
        Assert.That(RetryAdvisor.Decide(serverError, Request(HttpMethod.Post, key: "k1"), 0, new ApiErrorRetryOptions { IdempotencyKeyHeader = "X-Request-Key" }).ShouldRetry, Is.False);
        Assert.That(RetryAdvisor.Decide(serverError, Request(HttpMethod.Post, key: "k1"), 0, new ApiErrorRetryOptions { IdempotencyKeyHeader = null }).ShouldRetry, Is.False);
    }

    [Test]
    public void A_refused_error_repeats_a_POST_and_a_request_that_never_left_repeats_anything()
    {
        CmfyCloudException rateLimited = CmfyCloudErrors.Create(CmfyCloudErrorCode.RateLimitExceeded, 429);
        Assert.That(rateLimited.IsRefused, Is.True);
        Assert.That(RetryAdvisor.Decide(rateLimited, Request(HttpMethod.Post), 0).ShouldRetry, Is.True);

        var refusedConnection = new HttpRequestException("Connection refused", new System.Net.Sockets.SocketException((int)System.Net.Sockets.SocketError.ConnectionRefused));
        ApiErrorException neverSent = CmfyCloudErrors.Catalog.FromTransportFailure(refusedConnection, Request(HttpMethod.Post));
        Assert.That(neverSent, Is.InstanceOf<CmfyCloudException>());
        Assert.That(neverSent.Response.RequestSent, Is.False);
        Assert.That(RetryAdvisor.Decide(neverSent, Request(HttpMethod.Post), 0).ShouldRetry, Is.True);

        ApiErrorException reset = CmfyCloudErrors.Catalog.FromTransportFailure(new System.IO.IOException("reset"), Request(HttpMethod.Post));
        Assert.That(reset.IsRetryable, Is.False, "a POST that may have been acted on");
        Assert.That(RetryAdvisor.Decide(reset, Request(HttpMethod.Post), 0).Verdict, Is.EqualTo(RetryVerdict.NotRetryable));
        Assert.That(CmfyCloudErrors.Catalog.FromTransportFailure(new System.IO.IOException("reset"), Request(HttpMethod.Get)).IsRetryable, Is.True);
    }

    [Test]
    public void Limits_and_verdicts()
    {
        CmfyCloudException serverError = CmfyCloudErrors.Create(CmfyCloudErrorCode.InternalError, 500);
        // cmfy.cloud's page makes 5 attempts (provider.backoff.attempts): 4 retries.
        Assert.That(RetryAdvisor.Decide(serverError, Request(HttpMethod.Get), 3).Verdict, Is.EqualTo(RetryVerdict.Retry));
        Assert.That(RetryAdvisor.Decide(serverError, Request(HttpMethod.Get), 4).Verdict, Is.EqualTo(RetryVerdict.RetriesExhausted));
        Assert.That(RetryAdvisor.Decide(serverError, Request(HttpMethod.Get), 4).Reason, Is.EqualTo("gave up after 4 retries"));
        Assert.That(RetryAdvisor.Decide(serverError, Request(HttpMethod.Get), 3, new ApiErrorRetryOptions { MaxRetries = 3 }).Reason, Is.EqualTo("gave up after 3 retries"));

        CmfyCloudException invalid = CmfyCloudErrors.Create(CmfyCloudErrorCode.InvalidApiKey, 401);
        Assert.That(RetryAdvisor.Decide(invalid, Request(HttpMethod.Get), 0).Reason, Is.EqualTo("the error (invalid_api_key) is not retryable"));

        CmfyCloudException queueFull = CmfyCloudErrors.Create(CmfyCloudErrorCode.QueueFull, 429);
        Assert.That(RetryAdvisor.Decide(queueFull, null, 0, new ApiErrorRetryOptions { MaxDelay = TimeSpan.FromSeconds(5) }).Verdict, Is.EqualTo(RetryVerdict.WaitTooLong), "the catalog's 10 s is past MaxDelay");
        Assert.That(RetryAdvisor.Decide(queueFull, null, 0).Delay, Is.EqualTo(TimeSpan.FromSeconds(10)));
    }

    [TestCase(0L, 0L)]
    [TestCase(10_000L, 10_000L)]
    [TestCase(19_994_000L, 20_000_000L)]
    [TestCase(10_001L, 20_000L)]
    public void Timer_waits_are_rounded_up_to_whole_milliseconds(long ticks, long expected)
        => Assert.That(RetryAdvisor.RoundUpToMilliseconds(TimeSpan.FromTicks(ticks)), Is.EqualTo(TimeSpan.FromTicks(expected)));

    [Test]
    public void The_test_factory_classifies_as_a_real_response_would()
    {
        CmfyCloudException created = CmfyCloudErrors.Create(CmfyCloudErrorCode.QueueFull, 429, "Queue limit reached");
        CmfyCloudException read = CmfyCloudErrors.FromResponse(429, """{"error":{"code":"queue_full","message":"Queue limit reached"}}""");

        Assert.That(created.GetType(), Is.EqualTo(read.GetType()));
        Assert.That((created.Code, created.IsRetryable, created.RetryStrategy, created.RetryAfter, created.ServerMessage, created.Message),
            Is.EqualTo((read.Code, read.IsRetryable, read.RetryStrategy, read.RetryAfter, read.ServerMessage, read.Message)));

        ApiErrorException byRawCode = CmfyCloudErrors.Catalog.Create("queue_full", 429);
        Assert.That(byRawCode, Is.InstanceOf<CmfyCloudRateLimitException>());
        Assert.That(CmfyCloudErrors.Create(CmfyCloudErrorCode.Unknown, 503).Code, Is.EqualTo(CmfyCloudErrorCode.Unknown));
        Assert.That(RunwareErrors.Create(RunwareErrorCode.InvalidApiKey).HttpStatus, Is.Null, "no status, as over a WebSocket");
    }

    [Test]
    public void The_exception_group_is_named_for_callers_without_the_generated_types()
    {
        ApiErrorException rateLimit = CmfyCloudErrors.Create(CmfyCloudErrorCode.RateLimitExceeded, 429);
        ApiErrorException byStatus = CmfyCloudErrors.FromResponse(503, "");
        ApiErrorException none = FlowErrors.FromResponse(418, "");

        Assert.That(rateLimit.ErrorGroup, Is.EqualTo("RateLimit"));
        Assert.That(byStatus.ErrorGroup, Is.EqualTo("Server"));
        Assert.That(none.ErrorGroup, Is.Null);
    }

    [Test]
    public void A_log_line_has_the_request_id_and_the_request_but_never_its_query()
    {
        var response = new HttpResponseMessage((System.Net.HttpStatusCode)429)
        {
            Content = new StringContent("""{"error":{"code":"rate_limit_exceeded","request_id":"req_abc123"}}"""),
            RequestMessage = Request(HttpMethod.Post),
        };
        CmfyCloudException ex = CmfyCloudErrors.FromResponseAsync(response).GetAwaiter().GetResult();

        Assert.That(ex.Message, Does.StartWith("CmfyCloud error rate_limit_exceeded (HTTP 429, POST /v1/jobs, request req_abc123):"));
        Assert.That(ex.ToString(), Does.Not.Contain("SECRET").And.Not.Contain("api_key"));
        Assert.That(ex.Response.RequestPath, Is.EqualTo("/v1/jobs"));
    }
}
