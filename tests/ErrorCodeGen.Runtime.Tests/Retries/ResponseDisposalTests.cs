using System;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using ErrorCodeGen;
using ErrorCodeGen.Http;
using ErrorCodeGen.Polly;
using NUnit.Framework;
using Polly;

namespace ErrorCodeGen.Runtime.Tests.Retries;

/// <summary>
/// A response the retry layer never hands out is disposed, through the handler and Polly alike: the caller cancelled while
/// its error body was read or during the wait before the next attempt, or the credential refresh threw.
/// </summary>
[TestFixture(RetryLayer.Handler)]
[TestFixture(RetryLayer.Polly)]
public class ResponseDisposalTests(RetryLayer layer)
{
    private static readonly Uri s_address = new("http://127.0.0.1:9/");

    [Test]
    public async Task The_response_is_disposed_when_the_caller_cancels_during_the_error_body()
    {
        using var body = new StalledStream();
        using var client = RetryClient.Create(layer, CmfyCloudErrors.Catalog, new ApiErrorRetryOptions(), s_address, Always(HttpStatusCode.InternalServerError, new StreamContent(body)));
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        Task<HttpResponseMessage> get = client.GetAsync("/x", cts.Token);
        Task first = await Task.WhenAny(get, Task.Delay(TimeSpan.FromSeconds(10)));
        body.Release();

        Assert.That(first, Is.SameAs(get));
        Assert.That(async () => await get, Throws.InstanceOf<OperationCanceledException>());
        Assert.That(body.Disposed, Is.True, "the response (and its content, with its stream) is disposed");
    }

    [Test]
    public async Task The_response_is_disposed_when_the_caller_cancels_during_the_wait_before_a_retry()
    {
        var body = new TrackedStream("""{"error":{"code":"RATE_LIMITED","message":"slow down"}}""");
        var response = Always((HttpStatusCode)429, new StreamContent(body), retryAfterSeconds: 30);
        using var client = RetryClient.Create(layer, CmfyCloudErrors.Catalog, new ApiErrorRetryOptions { MaxDelay = TimeSpan.FromMinutes(1) }, s_address, response);
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));

        Task<HttpResponseMessage> get = client.GetAsync("/x", cts.Token);
        Task first = await Task.WhenAny(get, Task.Delay(TimeSpan.FromSeconds(10)));

        Assert.That(first, Is.SameAs(get), "the 30 s wait ends with the caller's cancellation");
        Assert.That(async () => await get, Throws.InstanceOf<OperationCanceledException>());
        Assert.That(response.Calls, Is.EqualTo(1));
        Assert.That(body.Disposed, Is.True, "the 429 that was to be retried is disposed");
    }

    [Test]
    public void The_response_is_disposed_when_the_credential_refresh_throws()
    {
        var body = new TrackedStream("""{"errors":[{"message":"Forbidden"}]}""");
        var response = Always(HttpStatusCode.Forbidden, new StreamContent(body));
        var options = new ApiErrorRetryOptions { RefreshCredentialsAsync = (_, _, _) => throw new InvalidOperationException("the token service is down") };
        using var client = RetryClient.Create(layer, FlowErrors.Catalog, options, s_address, response);

        Assert.That(
            async () => await client.SendAsync(() => new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = new StringContent("{}") }),
            Throws.InvalidOperationException.With.Message.EqualTo("the token service is down"));
        Assert.That(response.Calls, Is.EqualTo(1));
        Assert.That(body.Disposed, Is.True, "the 403 is disposed; the caller gets the refresh's exception");
    }

    /// <summary>Answers every request with the same status and content.</summary>
    private static ScriptedHandler Always(HttpStatusCode status, HttpContent content, int retryAfterSeconds = 0) => new((_, request) =>
    {
        var response = new HttpResponseMessage(status) { Content = content, RequestMessage = request };
        if (retryAfterSeconds > 0)
        {
            response.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(TimeSpan.FromSeconds(retryAfterSeconds));
        }

        return response;
    });

    /// <summary>A body that says when it is disposed.</summary>
    private sealed class TrackedStream(string text) : MemoryStream(Encoding.UTF8.GetBytes(text))
    {
        public bool Disposed { get; private set; }

        protected override void Dispose(bool disposing)
        {
            Disposed = true;
            base.Dispose(disposing);
        }
    }
}

/// <summary>
/// HttpClient's default completion buffers the body before Polly sees it; a pipeline run by an SDK's own callback (a
/// streamed response, <c>ResponseHeadersRead</c>) hands the retry rules a body still to be read.
/// </summary>
public class PipelineErrorBodyDisposalTests
{
    [Test]
    public async Task The_response_is_disposed_when_the_caller_cancels_while_the_retry_rules_read_its_body()
    {
        using var body = new StalledStream();
        ResiliencePipeline<HttpResponseMessage> pipeline = new ResiliencePipelineBuilder<HttpResponseMessage>()
            .AddApiErrorRetry(CmfyCloudErrors.Catalog)
            .Build();
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        Task<HttpResponseMessage> run = pipeline.ExecuteAsync(
            _ => new ValueTask<HttpResponseMessage>(new HttpResponseMessage(HttpStatusCode.InternalServerError) { Content = new StreamContent(body) }),
            cts.Token).AsTask();
        Task first = await Task.WhenAny(run, Task.Delay(TimeSpan.FromSeconds(10)));
        body.Release();

        Assert.That(first, Is.SameAs(run));
        Assert.That(async () => await run, Throws.InstanceOf<OperationCanceledException>());
        Assert.That(body.Disposed, Is.True, "the response the retry rules were reading is disposed");
    }
}
