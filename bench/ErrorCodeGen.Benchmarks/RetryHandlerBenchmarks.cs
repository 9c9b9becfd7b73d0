using System.Net;
using BenchmarkDotNet.Attributes;
using ErrorCodeGen;
using ErrorCodeGen.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ErrorCodeGen.Benchmarks;

/// <summary>
/// The retry handler against a local Kestrel (127.0.0.1), beside a bare <see cref="HttpClient"/> on the same server: on
/// the success path, and on an error that is not retried (a 400 the caller turns into an exception, as an SDK does); and
/// the cost of the one decision, <see cref="RetryAdvisor.Decide"/>, on its own.
/// </summary>
[MemoryDiagnoser]
public class RetryHandlerBenchmarks
{
    private WebApplication _app = null!;
    private HttpClient _bare = null!;
    private HttpClient _withHandler = null!;
    private CmfyCloudException _rateLimited = null!;
    private CmfyCloudException _serverError = null!;
    private HttpRequestMessage _post = null!;

    [GlobalSetup]
    public void Setup()
    {
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        _app = builder.Build();
        _app.MapGet("/ok", () => Results.Content("{\"job_id\":\"job_1\"}", "application/json"));
        _app.MapGet("/bad", () => Results.Content(
            "{\"error\": {\"code\": \"too_many_nodes\", \"message\": \"Workflow has too many nodes\", \"details\": {\"max\": 500}, \"request_id\": \"req_abc123\"}}",
            "application/json",
            statusCode: 400));
        _app.StartAsync().GetAwaiter().GetResult();
        var address = new Uri(_app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single());
        _bare = new HttpClient(new SocketsHttpHandler()) { BaseAddress = address };
        _withHandler = new HttpClient(new ApiErrorRetryHandler(new SocketsHttpHandler(), CmfyCloudErrors.Catalog)) { BaseAddress = address };

        _rateLimited = CmfyCloudErrors.FromResponse(429, """{"error":{"code":"rate_limit_exceeded","message":"Rate limit exceeded","retry_after":45}}""");
        _serverError = CmfyCloudErrors.FromResponse(500, """{"error":{"code":"internal_error","message":"An unexpected error occurred"}}""");
        _post = new HttpRequestMessage(HttpMethod.Post, "/api/v1/jobs");

        // Fail fast if the error rows stopped measuring what they claim: one request, a complete exception, not retried.
        foreach (CmfyCloudException ex in new[] { BareError().GetAwaiter().GetResult(), WithHandlerError().GetAwaiter().GetResult() })
        {
            if (ex.Code != CmfyCloudErrorCode.TooManyNodes || ex.IsRetryable || ex.RequestId != "req_abc123")
            {
                throw new InvalidOperationException("The 400 did not read as a complete, non-retryable exception: " + ex.Message);
            }
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _bare.Dispose();
        _withHandler.Dispose();
        _app.StopAsync().GetAwaiter().GetResult();
    }

    [Benchmark(Baseline = true, Description = "bare HttpClient, GET 200 (127.0.0.1)")]
    public async Task<HttpStatusCode> Bare()
    {
        using HttpResponseMessage response = await _bare.GetAsync("/ok", HttpCompletionOption.ResponseHeadersRead);
        return response.StatusCode;
    }

    [Benchmark(Description = "with ApiErrorRetryHandler, GET 200 (127.0.0.1)")]
    public async Task<HttpStatusCode> WithHandler()
    {
        using HttpResponseMessage response = await _withHandler.GetAsync("/ok", HttpCompletionOption.ResponseHeadersRead);
        return response.StatusCode;
    }

    [Benchmark(Description = "bare HttpClient, GET 400, then FromResponseAsync (127.0.0.1)")]
    public async Task<CmfyCloudException> BareError()
    {
        using HttpResponseMessage response = await _bare.GetAsync("/bad", HttpCompletionOption.ResponseHeadersRead);
        return await CmfyCloudErrors.FromResponseAsync(response);
    }

    [Benchmark(Description = "with ApiErrorRetryHandler, GET 400 (not retried), then FromResponseAsync (127.0.0.1)")]
    public async Task<CmfyCloudException> WithHandlerError()
    {
        using HttpResponseMessage response = await _withHandler.GetAsync("/bad", HttpCompletionOption.ResponseHeadersRead);
        return await CmfyCloudErrors.FromResponseAsync(response);
    }

    [Benchmark(Description = "RetryAdvisor.Decide: 429 rate limit, POST (retry after 45 s)")]
    public RetryAdvice DecideRateLimit() => RetryAdvisor.Decide(_rateLimited, _post, 0);

    [Benchmark(Description = "RetryAdvisor.Decide: 500 after a POST (not repeated)")]
    public RetryAdvice DecideUnsafe() => RetryAdvisor.Decide(_serverError, _post, 0);
}
