using System;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using ErrorCodeGen;
using ErrorCodeGen.Runtime.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using NUnit.Framework;

namespace ErrorCodeGen.Runtime.Tests;

/// <summary>FromResponseAsync against a real Kestrel server on 127.0.0.1.</summary>
[NonParallelizable]
public class HttpEndToEndTests
{
    private WebApplication _app = null!;
    private HttpClient _client = null!;

    [OneTimeSetUp]
    public async Task StartServer()
    {
        (_app, Uri address) = await LoopbackServer.StartAsync(app =>
        {
        app.MapPost("/trainer/jobs", (HttpContext context) =>
        {
            context.Response.Headers["X-Request-Id"] = "req_trainer_1";
            return Results.Content("""{"error_code": 42258, "message": "FLUX.2 training settings have a high out-of-memory (OOM) risk."}""", "application/json", null, 422);
        });
        app.MapGet("/cmfy/jobs", (HttpContext context) =>
        {
            context.Response.Headers["Retry-After"] = DateTimeOffset.UtcNow.AddSeconds(30).ToString("r");
            context.Response.Headers["X-RateLimit-Limit"] = "60";
            context.Response.Headers["X-RateLimit-Remaining"] = "0";
            return Results.Content("""{"error":{"code":"rate_limit_exceeded","message":"Rate limit exceeded","request_id":"req_c"}}""", "application/json", null, 429);
        });
        app.MapGet("/gateway", () => Results.Content("<html><head><title>502 Bad Gateway</title></head></html>", "text/html", null, 502));
        app.MapGet("/huge", async (HttpContext context) =>
        {
            // A streamed body (no Content-Length) larger than the limit: the reader stops at the limit.
            context.Response.StatusCode = 500;
            context.Response.ContentType = "application/json";
            byte[] chunk = new byte[64 * 1024];
            Array.Fill(chunk, (byte)' ');
            for (int i = 0; i < 40; i++)
            {
                await context.Response.Body.WriteAsync(chunk);
            }
        });

        app.MapGet("/cut", async (HttpContext context) =>
        {
            // The server dies mid-body: headers promise more than arrives.
            context.Response.StatusCode = 500;
            context.Response.ContentType = "application/json";
            context.Response.ContentLength = 200;
            await context.Response.Body.WriteAsync(System.Text.Encoding.UTF8.GetBytes("{\"error_code\": 50001, \"mess"));
            await context.Response.Body.FlushAsync();
            await Task.Delay(1000); // let the client take the headers and the first bytes, then drop the connection
            context.Abort();
        });

        });
        _client = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(30) };
        _client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", "sk-test-SECRET-987654");
    }

    [OneTimeTearDown]
    public async Task StopServer()
    {
        _client.Dispose();
        await LoopbackServer.StopAsync(_app);
    }

    [Test]
    public async Task Trainer_error_over_http()
    {
        using HttpResponseMessage response = await _client.PostAsync("/trainer/jobs", new StringContent("{}"));
        RunComfyTrainerException ex = await RunComfyTrainerErrors.FromResponseAsync(response);

        Assert.That(ex.Code, Is.EqualTo(RunComfyTrainerErrorCode.Flux2OomRisk));
        Assert.That(ex.HttpStatus, Is.EqualTo(422));
        Assert.That(ex.RequestId, Is.EqualTo("req_trainer_1"));
        Assert.That(ex.ToString(), Does.Not.Contain("SECRET"));
    }

    [Test]
    public async Task Cmfy_rate_limit_over_http_with_http_date_retry_after()
    {
        using HttpResponseMessage response = await _client.GetAsync("/cmfy/jobs");
        CmfyCloudException ex = await CmfyCloudErrors.FromResponseAsync(response);

        Assert.That(ex, Is.InstanceOf<CmfyCloudRateLimitException>());
        Assert.That(ex.RetryAfter!.Value.TotalSeconds, Is.InRange(20, 31));
        Assert.That(ex.RateLimit!.Remaining, Is.EqualTo(0));
        Assert.That(ex.RequestId, Is.EqualTo("req_c"));
    }

    [Test]
    public async Task Html_gateway_page_over_http()
    {
        using HttpResponseMessage response = await _client.GetAsync("/gateway");
        RunComfyServerlessException ex = await RunComfyServerlessErrors.FromResponseAsync(response);

        Assert.That(ex.Code, Is.EqualTo(RunComfyServerlessErrorCode.Unknown));
        Assert.That(ex.Message, Does.Contain("502 Bad Gateway"));
    }

    [Test]
    public async Task Oversized_streamed_body_is_cut_off_at_the_limit()
    {
        using HttpResponseMessage response = await _client.GetAsync("/huge", HttpCompletionOption.ResponseHeadersRead);
        RunComfyTrainerException ex = await RunComfyTrainerErrors.FromResponseAsync(response);

        Assert.That(ex.Response.BodyKind, Is.EqualTo(ErrorBodyKind.TooLarge));
        Assert.That(ex.IsRetryable, Is.True);
    }

    [Test]
    public async Task Connection_dropped_mid_body_gives_a_typed_exception()
    {
        using HttpResponseMessage response = await _client.GetAsync("/cut", HttpCompletionOption.ResponseHeadersRead);
        RunComfyTrainerException ex = await RunComfyTrainerErrors.FromResponseAsync(response);

        Assert.That(ex.Code, Is.EqualTo(RunComfyTrainerErrorCode.Unknown));
        Assert.That(ex.Response.BodyKind, Is.EqualTo(ErrorBodyKind.Truncated));
        Assert.That(ex.Response.Problem, Does.Contain("broke off after"));
        Assert.That(ex.RawCode, Is.EqualTo("50001"), "what arrived before the cut is kept");
        Assert.That(ex.HttpStatus, Is.EqualTo(500));
        Assert.That(ex.IsRetryable, Is.True);
    }

    [Test]
    public void Cancellation_is_honoured()
    {
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        using var response = new HttpResponseMessage(System.Net.HttpStatusCode.InternalServerError) { Content = new StringContent("{}") };
        Assert.ThrowsAsync(Is.InstanceOf<OperationCanceledException>(), () => RunComfyTrainerErrors.FromResponseAsync(response, cts.Token));
    }
}
