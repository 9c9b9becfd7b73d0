using System;
using System.Collections.Generic;
using System.Linq;
using ErrorCodeGen;
using ErrorCodeGen.Runtime.Tests.Infrastructure;
using NUnit.Framework;

namespace ErrorCodeGen.Runtime.Tests;

/// <summary>The Runware, cmfy.cloud and GraphQL wire formats, with the JSON examples printed on the vendors' pages.</summary>
public class OtherWireFormatTests
{
    [Test]
    public void Runware_page_example()
    {
        const string body = """
            {
            "errors": [
            {
            "code": "invalidApiKey",
            "message": "Invalid API key. Get one at https://my.runware.ai/signup",
            "parameter": "apiKey",
            "taskType": "authentication"
            }
            ]
            }
            """;
        RunwareException ex = RunwareErrors.FromResponse(401, body);

        Assert.That(ex.Code, Is.EqualTo(RunwareErrorCode.InvalidApiKey));
        ApiError error = ex.Errors.Single();
        Assert.That((error.Code, error.Parameter, error.TaskType), Is.EqualTo(("invalidApiKey", "apiKey", "authentication")));
        Assert.That(ex.IsRetryable, Is.False);
    }

    [Test]
    public void Runware_keeps_every_error_with_its_task_and_extra_fields()
    {
        const string body = """
            {"data": [], "errors": [
              {"code": "timeoutProvider", "message": "Provider timed out", "taskType": "imageInference", "taskUUID": "a1", "documentation": "https://runware.ai/docs/x"},
              {"code": "invalidWidth", "message": "Width out of range", "parameter": "width", "taskUUID": "b2", "type": "integer", "min": 128, "max": 2048}
            ]}
            """;
        RunwareException ex = RunwareErrors.FromResponse(500, body);

        Assert.That(ex.Code, Is.EqualTo(RunwareErrorCode.TimeoutProvider), "the first error is the primary one");
        Assert.That(ex.Errors.Select(e => e.TaskId), Is.EqualTo(new[] { "a1", "b2" }));
        Assert.That(ex.Errors[0].DocumentationUrl, Is.EqualTo("https://runware.ai/docs/x"));
        Assert.That(ex.Errors[1].ExtraFields["min"], Is.EqualTo("128"));
        Assert.That(ex.Errors[1].ExtraFields["type"], Is.EqualTo("\"integer\""));
        Assert.That(ex.Message, Does.Contain("1 more error"));
    }

    [Test]
    public void Runware_websocket_message_has_no_status_and_is_classified_by_code()
    {
        RunwareException ex = RunwareErrors.FromMessage("""{"errors":[{"code":"providerRateLimitExceeded","message":"slow down","taskUUID":"t"}]}""");

        Assert.That(ex.HttpStatus, Is.Null);
        Assert.That(ex.Code, Is.EqualTo(RunwareErrorCode.ProviderRateLimitExceeded));
        Assert.That(ex.IsRetryable, Is.True);
    }

    [Test]
    public void Cmfy_page_example_with_rate_limit_headers()
    {
        const string body = """
            {
            "error": {
            "code": "rate_limit_exceeded",
            "message": "Rate limit exceeded",
            "details": {},
            "retry_after": 45,
            "request_id": "req_abc123"
            }
            }
            """;
        var headers = TestHeaders.Of(("Retry-After", "45"), ("X-RateLimit-Limit", "60"), ("X-RateLimit-Remaining", "0"), ("X-RateLimit-Reset", "1699574400"));
        CmfyCloudException ex = CmfyCloudErrors.FromResponse(429, body, headers);

        Assert.That(ex, Is.InstanceOf<CmfyCloudRateLimitException>());
        Assert.That(ex.Code, Is.EqualTo(CmfyCloudErrorCode.RateLimitExceeded));
        Assert.That(ex.RequestId, Is.EqualTo("req_abc123"));
        Assert.That(ex.RetryAfter, Is.EqualTo(TimeSpan.FromSeconds(45)));
        Assert.That(ex.RateLimit!.Limit, Is.EqualTo(60));
        Assert.That(ex.RateLimit.Remaining, Is.EqualTo(0));
        Assert.That(ex.RateLimit.Reset, Is.EqualTo(DateTimeOffset.FromUnixTimeSeconds(1699574400)));
        Assert.That(ex.IsRetryable, Is.True);
    }

    [Test]
    public void Cmfy_waits_come_from_the_server_then_the_catalog()
    {
        // Header and body disagree: the longer wins, whichever gave it (never retry earlier than the server asked).
        Assert.That(CmfyCloudErrors.FromResponse(429, """{"error":{"code":"rate_limit_exceeded","retry_after":12}}""", TestHeaders.Of(("Retry-After", "3"))).RetryAfter, Is.EqualTo(TimeSpan.FromSeconds(12)));
        Assert.That(CmfyCloudErrors.FromResponse(429, """{"error":{"code":"rate_limit_exceeded","retry_after":3}}""", TestHeaders.Of(("Retry-After", "12"))).RetryAfter, Is.EqualTo(TimeSpan.FromSeconds(12)));
        Assert.That(CmfyCloudErrors.FromResponse(429, """{"error":{"code":"rate_limit_exceeded","retry_after":12}}""").RetryAfter, Is.EqualTo(TimeSpan.FromSeconds(12)));
        Assert.That(CmfyCloudErrors.FromResponse(429, """{"error":{"code":"rate_limit_exceeded"}}""").RetryAfter, Is.EqualTo(TimeSpan.FromSeconds(60)));
        Assert.That(CmfyCloudErrors.FromResponse(429, """{"error":{"code":"concurrent_limit_reached"}}""").RetryAfter, Is.EqualTo(TimeSpan.FromSeconds(5)));
        Assert.That(CmfyCloudErrors.FromResponse(429, """{"error":{"code":"queue_full"}}""").RetryAfter, Is.EqualTo(TimeSpan.FromSeconds(10)));
    }

    [Test]
    public void Cmfy_concurrency_and_queue_headers_are_read_and_a_concurrency_limit_without_a_wait_takes_the_catalogs()
    {
        var headers = TestHeaders.Of(
            ("X-RateLimit-Limit", "60"), ("X-RateLimit-Remaining", "12"),
            ("X-Concurrent-Limit", "2"), ("X-Concurrent-Current", "2"), ("X-Queue-Limit", "10"), ("X-Queue-Current", "4"));
        CmfyCloudException ex = CmfyCloudErrors.FromResponse(429, """{"error":{"code":"concurrent_limit_reached","message":"Maximum concurrent jobs reached"}}""", headers);

        Assert.That(ex.Code, Is.EqualTo(CmfyCloudErrorCode.ConcurrentLimitReached));
        Assert.That((ex.RateLimit!.ConcurrentLimit, ex.RateLimit.ConcurrentCurrent, ex.RateLimit.QueueLimit, ex.RateLimit.QueueCurrent), Is.EqualTo(((long?)2, (long?)2, (long?)10, (long?)4)));
        Assert.That(ex.RateLimit.ToString(), Does.Contain("concurrent 2/2").And.Contain("queue 4/10"));
        Assert.That(ex.Response.RetryAfter, Is.Null, "no Retry-After and no retry_after");
        Assert.That(ex.RetryAfter, Is.EqualTo(TimeSpan.FromSeconds(5)), "the catalog's wait applies");
        Assert.That(ex.GetRetryDelay(0), Is.EqualTo(TimeSpan.FromSeconds(5)));

        // The headers come with every response, a success too: on their own they are rate-limit information.
        ErrorResponse onlyQueue = ErrorResponseReader.Read(ErrorWireFormat.Cmfy, 500, "{}", TestHeaders.Of(("X-Queue-Current", "3")));
        Assert.That(onlyQueue.RateLimit!.QueueCurrent, Is.EqualTo(3));
        Assert.That(onlyQueue.RateLimit.Limit, Is.Null);
    }

    [Test]
    public void Cmfy_groups_match_the_page_client()
    {
        Assert.That(CmfyCloudErrors.FromResponse(401, """{"error":{"code":"invalid_api_key","message":"Invalid API key"}}"""), Is.InstanceOf<CmfyCloudAuthenticationException>());
        Assert.That(CmfyCloudErrors.FromResponse(400, """{"error":{"code":"too_many_nodes"}}"""), Is.InstanceOf<CmfyCloudValidationException>());
        Assert.That(CmfyCloudErrors.FromResponse(503, """{"error":{"code":"service_unavailable"}}"""), Is.InstanceOf<CmfyCloudServerException>());
        Assert.That(CmfyCloudErrors.FromResponse(401, """{"error":{"code":"something_new"}}"""), Is.InstanceOf<CmfyCloudAuthenticationException>(), "unknown code: the status rule's group");
    }

    [Test]
    public void GraphQL_200_with_errors_is_a_failure()
    {
        const string body = """
            {
            "errors": [
            {
            "message": "Human-readable message",
            "extensions": { "code": "ERROR_CODE" }
            }
            ]
            }
            """;
        Assert.That(FlowErrors.IsFailure(200, body), Is.True);
        Assert.That(FlowErrors.IsFailure(200, """{"data": {"run": {"id": 1}}}"""), Is.False);
        Assert.That(FlowErrors.IsFailure(200, """{"data": null, "errors": []}"""), Is.False);

        FlowException ex = FlowErrors.FromResponse(200, body);
        Assert.That(ex.Code, Is.EqualTo(FlowErrorCode.Unknown));
        Assert.That(ex.RawCode, Is.EqualTo("ERROR_CODE"));
        Assert.That(ex.ServerMessage, Is.EqualTo("Human-readable message"));
    }

    [Test]
    public void GraphQL_path_and_extensions_are_kept()
    {
        FlowException ex = FlowErrors.FromResponse(200, """{"data":null,"errors":[{"message":"m","path":["executeWorkflow",0,"result"],"locations":[{"line":1,"column":2}],"extensions":{"code":"X","retryable":false}}]}""");

        Assert.That(ex.Errors[0].Path, Is.EqualTo("executeWorkflow.0.result"));
        Assert.That(ex.Errors[0].ExtraFields.Keys, Is.EquivalentTo(new[] { "locations", "extensions.retryable" }));
    }
}

/// <summary>Runware's rule: on REST the HTTP status decides retrying; on WebSocket the code does.</summary>
public class RunwareRetrySourceTests
{
    [Test]
    public void Rest_status_decides_over_the_code()
    {
        // A retryable code under a client-error status: the page says to decide by the status on REST.
        RunwareException ex = RunwareErrors.FromResponse(400, """{"errors":[{"code":"timeoutProvider","message":"m"}]}""");

        Assert.That(RunwareErrors.RetrySource, Is.EqualTo(RetrySource.Status));
        Assert.That(ex.Code, Is.EqualTo(RunwareErrorCode.TimeoutProvider));
        Assert.That(ex.IsRetryable, Is.False);
        Assert.That(RunwareErrors.FromResponse(503, """{"errors":[{"code":"invalidApiKey"}]}""").IsRetryable, Is.True);
    }

    [Test]
    public void Websocket_code_decides()
    {
        Assert.That(RunwareErrors.FromMessage("""{"errors":[{"code":"timeoutProvider"}]}""").IsRetryable, Is.True);
        Assert.That(RunwareErrors.FromMessage("""{"errors":[{"code":"invalidApiKey"}]}""").IsRetryable, Is.False);
    }

    [Test]
    public void Other_providers_decide_by_code() => Assert.That(CmfyCloudErrors.RetrySource, Is.EqualTo(RetrySource.Code));
}

public class RetrySourceTests
{
    [Test]
    public void Runware_200_with_errors_falls_back_to_the_code()
        => Assert.That(RunwareErrors.FromResponse(200, """{"errors":[{"code":"timeoutProvider"}]}""").IsRetryable, Is.True);

    [Test]
    public void Suggested_wait_comes_from_the_deciding_source()
    {
        // Not retryable: no catalog wait is suggested, but a server's Retry-After is still reported.
        RunComfyTrainerException ex = RunComfyTrainerErrors.FromResponse(422, """{"error_code": 42258}""");
        Assert.That(ex.RetryAfter, Is.Null);

        CmfyCloudException queue = CmfyCloudErrors.FromResponse(429, """{"error":{"code":"queue_full"}}""");
        Assert.That(queue.RetryAfter, Is.EqualTo(TimeSpan.FromSeconds(10)));
    }
}
