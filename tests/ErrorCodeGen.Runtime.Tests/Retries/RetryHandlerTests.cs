using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using ErrorCodeGen;
using ErrorCodeGen.Http;
using Microsoft.Extensions.DependencyInjection;
using NUnit.Framework;

namespace ErrorCodeGen.Runtime.Tests.Retries;

/// <summary>
/// The retry layer against the scripted fault server on 127.0.0.1: each rule of docs/retries.md, with the waits checked
/// through the time provider (and one in real time), once through <see cref="ApiErrorRetryHandler"/> and once through the
/// Polly adapter, which must give the same outcomes.
/// </summary>
[NonParallelizable]
[TestFixture(RetryLayer.Handler)]
[TestFixture(RetryLayer.Polly)]
public class RetryHandlerTests(RetryLayer layer) : FaultServerFixture(layer)
{
    /// <summary>A client of the layer under test; its waits go through the recording clock unless <paramref name="realTime"/>.</summary>
    private RetryClient Client(ApiErrorRetryOptions? options = null, Uri? address = null, bool realTime = false)
    {
        options ??= new ApiErrorRetryOptions();
        options.TimeProvider = realTime ? TimeProvider.System : Clock;
        return RetryClient.Create(Layer, CmfyCloudErrors.Catalog, options, address ?? Server.Address);
    }

    private static string NewJob() => Guid.NewGuid().ToString("N");

    private static HttpRequestMessage Post(string job, string? key = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/jobs/" + job + "?api_key=SECRET-QUERY") { Content = new StringContent("{\"prompt\":\"a cat\"}") };
        if (key != null)
        {
            request.Headers.Add("Idempotency-Key", key);
        }

        return request;
    }

    [Test]
    public async Task A_429_with_Retry_After_seconds_waits_exactly_that_long()
    {
        string job = NewJob();
        Server.Script(job, Fault.RateLimitSeconds, Fault.RateLimitSeconds);
        using RetryClient client = Client();

        using HttpResponseMessage response = await client.GetAsync("/jobs/" + job);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(Clock.Waits, Is.EqualTo(new[] { TimeSpan.FromSeconds(FaultServer.RetryAfterSeconds), TimeSpan.FromSeconds(FaultServer.RetryAfterSeconds) }));
    }

    [Test]
    public async Task A_429_with_an_http_date_waits_until_that_date()
    {
        string job = NewJob();
        Server.Script(job, Fault.RateLimitDate);
        using RetryClient client = Client();

        using HttpResponseMessage response = await client.GetAsync("/jobs/" + job);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(Clock.Waits.Single(), Is.EqualTo(TimeSpan.FromSeconds(30)));
    }

    [Test]
    public async Task A_503_backs_off_with_jitter_and_the_last_response_is_returned_readable()
    {
        string job = NewJob();
        Server.Script(job, Fault.Unavailable, Fault.Unavailable, Fault.Unavailable, Fault.Unavailable, Fault.Unavailable);
        using RetryClient client = Client();

        using HttpResponseMessage response = await client.GetAsync("/jobs/" + job);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable), "after 4 retries (the page's 5 attempts) the response is returned");
        Assert.That(Clock.Waits, Has.Count.EqualTo(4));
        for (int attempt = 0; attempt < 4; attempt++)
        {
            // cmfy.cloud's own backoff: min(1 s * 2^attempt, 60 s) plus up to 10% of it (provider.backoff).
            TimeSpan backoff = TimeSpan.FromSeconds(1 << attempt);
            Assert.That(Clock.Waits[attempt], Is.InRange(backoff, backoff + TimeSpan.FromTicks(backoff.Ticks / 10) + TimeSpan.FromMilliseconds(1)), "the page's jitter: up to 10% more than the backoff (rounded up to the timer's millisecond)");
        }

        CmfyCloudException ex = await CmfyCloudErrors.FromResponseAsync(response);
        Assert.That(ex.Code, Is.EqualTo(CmfyCloudErrorCode.ServiceUnavailable), "the SDK's own throw works unchanged after the handler");
        Assert.That(await response.Content.ReadAsStringAsync(), Does.Contain("service_unavailable"));
    }

    [Test]
    public async Task A_POST_that_failed_after_the_server_recorded_it_is_not_repeated()
    {
        string job = NewJob();
        Server.Script(job, Fault.ErrorAfterRecording);
        using RetryClient client = Client();

        using HttpResponseMessage response = await client.SendAsync(() => Post(job));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.InternalServerError));
        Assert.That(Server.Processed(job), Is.EqualTo(1));
        Assert.That(Clock.Waits, Is.Empty);
    }

    [Test]
    public async Task The_callers_read_of_an_error_the_layer_returned_is_the_layers_read_not_a_second_one()
    {
        string job = NewJob();
        Server.Script(job, Fault.ErrorAfterRecording);
        var catalog = new RecordingCatalog(CmfyCloudErrors.Catalog);
        using RetryClient client = RetryClient.Create(Layer, catalog, new ApiErrorRetryOptions(), Server.Address);

        using HttpResponseMessage response = await client.SendAsync(() => Post(job));
        CmfyCloudException ex = await CmfyCloudErrors.FromResponseAsync(response);

        Assert.That(catalog.Reads, Has.Count.EqualTo(1), "the layer read the 500 once, to decide");
        Assert.That(ex.Response, Is.SameAs(catalog.Reads[0].Response), "the caller's read is that one: no second walk of the headers or parse of the body");
        Assert.That(ex, Is.Not.SameAs(catalog.Reads[0]), "a new exception, for the caller to throw");
        Assert.That(ex.Code, Is.EqualTo(CmfyCloudErrorCode.InternalError));
        Assert.That(ex.Response.RequestMethod, Is.EqualTo("POST"));
        Assert.That(await response.Content.ReadAsStringAsync(), Does.Contain("internal_error"), "and the body is still the caller's to read");
    }

    [Test]
    public async Task A_POST_refused_by_a_rate_limit_is_repeated_and_processed_once()
    {
        string job = NewJob();
        Server.Script(job, Fault.RateLimitSeconds);
        using RetryClient client = Client();

        using HttpResponseMessage response = await client.SendAsync(() => Post(job));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        Assert.That(Server.Processed(job), Is.EqualTo(1));
    }

    [Test]
    public async Task A_POST_with_an_idempotency_key_is_repeated_after_a_500()
    {
        string job = NewJob();
        Server.Script(job, Fault.ErrorAfterRecording, Fault.ResetAfterRecording);
        using RetryClient client = Client();

        using HttpResponseMessage response = await client.SendAsync(() => Post(job, key: job));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        Assert.That(Server.Processed(job), Is.EqualTo(1), "the server honours the key");
        Assert.That(Clock.Waits, Has.Count.EqualTo(2));
    }

    [TestCase(Fault.ResetBeforeRead)]
    [TestCase(Fault.ResetAfterRecording)]
    public async Task A_reset_connection_is_the_catalogs_exception_and_a_POST_is_not_repeated(Fault fault)
    {
        string job = NewJob();
        Server.Script(job, fault);
        using RetryClient client = Client();

        CmfyCloudException ex = Assert.ThrowsAsync<CmfyCloudServerException>(async () => await client.SendAsync(() => Post(job)))!;
        Assert.That(ex.TransportRule, Is.Not.Null, "the catalog's transport rules (cmfy.cloud: timeout and connection error, raised as ServerError)");

        Assert.That(ex.HttpStatus, Is.Null);
        Assert.That(ex.Response.BodyKind, Is.EqualTo(ErrorBodyKind.NoResponse));
        Assert.That(ex.InnerException, Is.InstanceOf<HttpRequestException>());
        Assert.That(ex.IsRetryable, Is.False, "the server may have acted on it");
        Assert.That(ex.Message, Does.Contain("POST /jobs/" + job).And.Not.Contain("SECRET-QUERY"));
        Assert.That(Server.Processed(job), Is.LessThanOrEqualTo(1));
        Assert.That(Clock.Waits, Is.Empty);
    }

    [Test]
    public async Task A_POST_with_the_configured_idempotency_key_header_is_repeated_after_a_reset_connection()
    {
        string job = NewJob();
        Server.Script(job, Fault.ResetAfterRecording);
        using RetryClient client = Client(new ApiErrorRetryOptions { IdempotencyKeyHeader = "X-Idempotency-Key" });

        using HttpResponseMessage response = await client.SendAsync(() =>
        {
            HttpRequestMessage post = Post(job);
            post.Headers.Add("X-Idempotency-Key", job);
            return post;
        });

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        Assert.That(Clock.Waits, Has.Count.EqualTo(1));
    }

    [Test]
    public async Task A_POST_with_only_the_default_key_is_not_repeated_when_no_key_header_is_configured()
    {
        string job = NewJob();
        Server.Script(job, Fault.ResetAfterRecording);
        using RetryClient client = Client(new ApiErrorRetryOptions { IdempotencyKeyHeader = null });

        CmfyCloudException ex = Assert.ThrowsAsync<CmfyCloudServerException>(async () => await client.SendAsync(() => Post(job, key: job)))!;
        Assert.That(ex.IsRetryable, Is.False, "no header makes a POST safe to repeat");
        Assert.That(Clock.Waits, Is.Empty);
    }

    [Test]
    public async Task A_reset_connection_on_a_GET_is_retried()
    {
        string job = NewJob();
        Server.Script(job, Fault.ResetBeforeRead, Fault.ResetAfterRecording);
        using RetryClient client = Client();

        using HttpResponseMessage response = await client.GetAsync("/jobs/" + job);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(Clock.Waits, Has.Count.EqualTo(2));
    }

    [Test]
    public async Task A_refused_connection_repeats_even_a_POST_then_throws_the_catalogs_exception()
    {
        using RetryClient client = Client(address: FaultServer.ClosedPort());

        CmfyCloudException ex = Assert.ThrowsAsync<CmfyCloudServerException>(async () => await client.SendAsync(() => Post(NewJob())))!;
        Assert.That(ex.TransportRule, Is.Not.Null, "the catalog's transport rules (cmfy.cloud: timeout and connection error, raised as ServerError)");

        Assert.That(ex.Response.RequestSent, Is.False);
        Assert.That(ex.IsRetryable, Is.True);
        Assert.That(ex.InnerException, Is.InstanceOf<HttpRequestException>());
        Assert.That(Clock.Waits, Has.Count.EqualTo(4), "four retries (cmfy.cloud's 5 attempts), then the last failure is thrown");
        await Task.CompletedTask;
    }

    [Test]
    public async Task A_body_that_breaks_off_is_classified_and_a_GET_is_retried()
    {
        string job = NewJob();
        Server.Script(job, Fault.BrokenBody);
        using RetryClient client = Client();

        using HttpResponseMessage response = await client.GetAsync("/jobs/" + job);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(Clock.Waits, Has.Count.EqualTo(1));
    }

    [Test]
    public async Task An_html_502_is_retried_on_a_GET_and_not_on_a_POST()
    {
        string job = NewJob();
        Server.Script(job, Fault.HtmlBadGateway);
        using RetryClient client = Client();
        using HttpResponseMessage get = await client.GetAsync("/jobs/" + job);
        Assert.That(get.StatusCode, Is.EqualTo(HttpStatusCode.OK));

        string post = NewJob();
        Server.Script(post, Fault.HtmlBadGateway);
        using HttpResponseMessage response = await client.SendAsync(() => Post(post));
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadGateway));
        CmfyCloudException ex = await CmfyCloudErrors.FromResponseAsync(response);
        Assert.That(ex.Message, Does.Contain("502 Bad Gateway"));
    }

    [Test]
    public async Task A_slow_attempt_past_the_attempt_timeout_is_a_transport_failure()
    {
        var options = new ApiErrorRetryOptions { AttemptTimeout = TimeSpan.FromMilliseconds(300), UseJitter = false, MaxRetries = 1 };
        using RetryClient client = Client(options, realTime: true);

        string get = NewJob();
        Server.Script(get, Fault.Slow);
        using HttpResponseMessage response = await client.GetAsync("/jobs/" + get);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), "the GET is retried after its attempt timed out");

        string post = NewJob();
        Server.Script(post, Fault.Slow);
        CmfyCloudException ex = Assert.ThrowsAsync<CmfyCloudServerException>(async () => await client.SendAsync(() => Post(post)))!;
        Assert.That(ex.TransportRule, Is.Not.Null, "the catalog's transport rules (cmfy.cloud: timeout and connection error, raised as ServerError)");
        Assert.That(ex.InnerException, Is.InstanceOf<TimeoutException>());
        Assert.That(ex.Response.Problem, Does.Contain("timed out"));
    }

    [Test]
    public async Task A_wait_longer_than_MaxDelay_returns_the_response_at_once()
    {
        string job = NewJob();
        Server.Script(job, Fault.RateLimitHour);
        using RetryClient client = Client();
        RetryAdvice? seen = null;

        using HttpResponseMessage response = await client.GetAsync("/jobs/" + job);

        Assert.That(response.StatusCode, Is.EqualTo((HttpStatusCode)429));
        Assert.That(Clock.Waits, Is.Empty, "never retried early instead");
        CmfyCloudException ex = await CmfyCloudErrors.FromResponseAsync(response);
        RetryAdvice advice = RetryAdvisor.Decide(ex, null, 0, new ApiErrorRetryOptions());
        Assert.That(advice.Verdict, Is.EqualTo(RetryVerdict.WaitTooLong));
        Assert.That(seen, Is.Null);
    }

    [Test]
    public void The_callers_cancellation_during_a_wait_is_thrown_at_once()
    {
        string job = NewJob();
        Server.Script(job, Fault.RateLimitSeconds);
        var options = new ApiErrorRetryOptions();
        using RetryClient client = Client(options, realTime: true);
        using var cts = new CancellationTokenSource();
        options.OnRetry = _ => cts.Cancel();

        var watch = Stopwatch.StartNew();
        Assert.That(async () => await client.GetAsync("/jobs/" + job, cts.Token), Throws.InstanceOf<OperationCanceledException>());
        Assert.That(watch.Elapsed, Is.LessThan(TimeSpan.FromSeconds(FaultServer.RetryAfterSeconds)), "not after the wait");
    }

    [Test]
    public async Task In_real_time_the_wait_is_not_shorter_than_Retry_After()
    {
        string job = NewJob();
        Server.Script(job, Fault.RateLimitSeconds);
        using RetryClient client = Client(realTime: true);

        var watch = Stopwatch.StartNew();
        using HttpResponseMessage response = await client.GetAsync("/jobs/" + job);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(watch.Elapsed, Is.GreaterThanOrEqualTo(TimeSpan.FromSeconds(FaultServer.RetryAfterSeconds)));
    }

    [Test]
    public async Task Every_retry_is_observable_without_headers_queries_or_credentials()
    {
        string job = NewJob();
        Server.Script(job, Fault.RateLimitSeconds, Fault.Unavailable, Fault.Unavailable, Fault.Unavailable);
        var events = new List<ApiErrorRetryEvent>();
        var measurements = new ConcurrentBag<(string Name, long Value, string Tags)>();
        var activityEvents = new List<ActivityEvent>();

        using var meterListener = new MeterListener();
        meterListener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == "ErrorCodeGen")
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        meterListener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
            measurements.Add((instrument.Name, value, string.Join(",", tags.ToArray().Select(t => t.Key + "=" + t.Value)))));
        meterListener.Start();

        using var source = new ActivitySource("Test");
        var waits = new ConcurrentBag<Activity>();
        using var activityListener = new ActivityListener
        {
            ShouldListenTo = s => s.Name == "Test" || s.Name == "ErrorCodeGen",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = a =>
            {
                if (a.Source.Name == "ErrorCodeGen")
                {
                    waits.Add(a);
                }
            },
        };
        ActivitySource.AddActivityListener(activityListener);

        // MaxRetries set by the caller wins over the catalog's attempts (5 for cmfy.cloud's 503, 3 for its 429).
        using RetryClient client = Client(new ApiErrorRetryOptions { OnRetry = events.Add, MaxRetries = 3 });
        using (Activity? activity = source.StartActivity("call"))
        {
            client.Http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", "sk-live-SECRET-TOKEN-123456");
            using HttpResponseMessage response = await client.GetAsync("/jobs/" + job + "?token=SECRET-QUERY");
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
            activityEvents.AddRange(activity!.Events);
        }

        Assert.That(events.Select(e => e.Attempt), Is.EqualTo(new[] { 0, 1, 2 }));
        Assert.That(((CmfyCloudException)events[0].Error).Code, Is.EqualTo(CmfyCloudErrorCode.RateLimitExceeded));
        Assert.That(measurements.Where(m => m.Name == "errorcodegen.http.attempts").Sum(m => m.Value), Is.EqualTo(4));
        Assert.That(measurements.Where(m => m.Name == "errorcodegen.http.retries").Sum(m => m.Value), Is.EqualTo(3));
        if (Layer == RetryLayer.Handler)
        {
            Assert.That(measurements.Single(m => m.Name == "errorcodegen.http.give_ups").Tags, Does.Contain("errorcodegen.verdict=retries_exhausted"));
        }
        Assert.That(activityEvents.Select(e => e.Name).Take(3), Is.EqualTo(new[] { "errorcodegen.retry", "errorcodegen.retry", "errorcodegen.retry" }));
        if (Layer == RetryLayer.Handler)
        {
            // The handler decides on the last failure too (and gives up); Polly stops on its own count without asking.
            Assert.That(activityEvents.Select(e => e.Name).Last(), Is.EqualTo("errorcodegen.give_up"));
            Assert.That(waits.Select(w => w.OperationName), Is.EqualTo(new[] { "errorcodegen.retry_wait", "errorcodegen.retry_wait", "errorcodegen.retry_wait" }));
        }

        string everything = string.Join("\n", measurements.Select(m => m.Tags))
            + string.Join("\n", waits.SelectMany(w => w.TagObjects.Select(t => t.Key + "=" + t.Value)))
            + string.Join("\n", activityEvents.SelectMany(e => e.Tags.Select(t => t.Key + "=" + t.Value)))
            + string.Join("\n", events.Select(e => e.Advice.Reason + e.Error.Message + e.Error));
        Assert.That(everything, Does.Not.Contain("SECRET").And.Not.Contain("Authorization").And.Not.Contain("?token"));
    }

    [Test]
    public async Task Once_is_at_most_one_retry_even_with_more_allowed()
    {
        // RunComfy Trainer 50052 JOB_CREATE_FAILED is "retry: once" ("Retry job submission once."). The job POST carries an
        // idempotency key, so rule 7 allows repeating it and only the strategy limits the retries.
        var answers = new OnceThenFail();
        using RetryClient client = RetryClient.Create(
            Layer, RunComfyTrainerErrors.Catalog, new ApiErrorRetryOptions { TimeProvider = Clock, MaxRetries = 5 }, new Uri("http://127.0.0.1:9/"), answers);
        string key = NewJob();
        HttpRequestMessage Request()
        {
            var request = new HttpRequestMessage(HttpMethod.Post, "/prod/v1/trainers/ai-toolkit/jobs") { Content = new StringContent("{\"config_file_format\":\"yaml\"}") };
            request.Headers.Add("Idempotency-Key", key);
            return request;
        }

        using HttpResponseMessage response = await client.SendAsync(Request);

        Assert.That((int)response.StatusCode, Is.EqualTo(500));
        Assert.That(Clock.Waits, Has.Count.EqualTo(1));
        Assert.That(answers.Requests, Is.EqualTo(2), "the first attempt and exactly one retry");
    }

    /// <summary>Answers every request with Trainer 50052 (no network), counting the requests.</summary>
    private sealed class OnceThenFail : HttpMessageHandler
    {
        public int Requests;

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref Requests);
            return Task.FromResult(new HttpResponseMessage((HttpStatusCode)500)
            {
                Content = new StringContent("{\"error_code\": 50052, \"message\": \"Failed to create the job record in the database.\"}"),
                RequestMessage = request,
            });
        }
    }
}

/// <summary>The handler as <c>IHttpClientFactory</c> users add it: <c>AddHttpMessageHandler</c>.</summary>
[NonParallelizable]
public class HttpClientFactoryRetryTests
{
    [Test]
    public async Task The_handler_works_through_IHttpClientFactory()
    {
        await using FaultServer server = await FaultServer.StartAsync();
        var time = new RecordingTimeProvider(DateTimeOffset.UtcNow);
        string job = Guid.NewGuid().ToString("N");
        server.Script(job, Fault.RateLimitSeconds, Fault.Unavailable);
        var services = new ServiceCollection();
        services.AddHttpClient("cmfy", c => c.BaseAddress = server.Address)
            .AddHttpMessageHandler(() => new ApiErrorRetryHandler(CmfyCloudErrors.Catalog, new ApiErrorRetryOptions { TimeProvider = time }));
        using ServiceProvider provider = services.BuildServiceProvider();
        HttpClient http = provider.GetRequiredService<IHttpClientFactory>().CreateClient("cmfy");

        using HttpResponseMessage response = await http.GetAsync("/jobs/" + job);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(time.Waits, Has.Count.EqualTo(2));
        Assert.That(time.Waits[0], Is.EqualTo(TimeSpan.FromSeconds(FaultServer.RetryAfterSeconds)));
    }
}

/// <summary>A catalog that keeps every exception its <c>FromResponseAsync</c> gave (the retry layer's reads).</summary>
internal sealed class RecordingCatalog(IErrorCatalog inner) : IErrorCatalog
{
    private readonly ConcurrentQueue<ApiErrorException> _reads = new();

    public IReadOnlyList<ApiErrorException> Reads => _reads.ToArray();

    public string ProviderName => inner.ProviderName;

    public ErrorWireFormat WireFormat => inner.WireFormat;

    public IReadOnlyList<ErrorDescriptor> Descriptors => inner.Descriptors;

    public IReadOnlyList<StatusRule> StatusRules => inner.StatusRules;

    public ApiErrorException FromResponse(int httpStatus, string? body, IEnumerable<KeyValuePair<string, IEnumerable<string>>>? headers = null)
        => inner.FromResponse(httpStatus, body, headers);

    public Task<ApiErrorException> FromResponseAsync(HttpResponseMessage response, CancellationToken cancellationToken = default)
        => FromResponseAsync(response, TimeProvider.System, cancellationToken);

    public async Task<ApiErrorException> FromResponseAsync(HttpResponseMessage response, TimeProvider timeProvider, CancellationToken cancellationToken = default)
    {
        ApiErrorException read = await inner.FromResponseAsync(response, timeProvider, cancellationToken);
        _reads.Enqueue(read);
        return read;
    }

    public ApiErrorException FromErrorResponse(ErrorResponse response) => inner.FromErrorResponse(response);

    public bool IsFailure(int httpStatus, string? body) => inner.IsFailure(httpStatus, body);

    public ApiErrorException FromTransportFailure(Exception exception, HttpRequestMessage? request) => inner.FromTransportFailure(exception, request);

    public ApiErrorException Create(string? rawCode, int? httpStatus = null, string? message = null) => inner.Create(rawCode, httpStatus, message);
}
