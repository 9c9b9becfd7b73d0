using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics.Metrics;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using ErrorCodeGen;
using ErrorCodeGen.Http;
using NUnit.Framework;

namespace ErrorCodeGen.Runtime.Tests.Retries;

/// <summary>
/// Promises of the retry layer that an adversarial pass (2026-12-02, third session) found broken, through the handler and
/// Polly alike: an attempt's time-out covers a stalled error body, a throwing <c>OnRetry</c> leaves nothing undisposed, a
/// wait longer than a timer can take is still waited and never shorter than asked, content a retry sends again is not
/// disposed, and Polly with <c>MaxRetries = 0</c> counts its give-up.
/// </summary>
[TestFixture(RetryLayer.Handler)]
[TestFixture(RetryLayer.Polly)]
public class RetryLayerPromiseTests(RetryLayer layer)
{
    private static readonly Uri s_address = new("http://127.0.0.1:9/");

    [Test]
    public async Task An_attempt_time_out_covers_an_error_body_that_stalls()
    {
        using var stalled = new StalledStream();
        var inner = new ScriptedHandler((i, request) => i == 0
            ? new HttpResponseMessage(HttpStatusCode.ServiceUnavailable) { RequestMessage = request, Content = new StreamContent(stalled) }
            : new HttpResponseMessage(HttpStatusCode.OK) { RequestMessage = request });
        var options = new ApiErrorRetryOptions { AttemptTimeout = TimeSpan.FromMilliseconds(400), BackoffBase = TimeSpan.FromMilliseconds(10), BackoffCap = TimeSpan.FromMilliseconds(10) };
        using var client = RetryClient.Create(layer, CmfyCloudErrors.Catalog, options, s_address, inner);

        Task<HttpResponseMessage> get = client.GetAsync("/x");
        Task first = await Task.WhenAny(get, Task.Delay(TimeSpan.FromSeconds(15)));
        stalled.Release();

        Assert.That(first, Is.SameAs(get), "the attempt timed out; the call did not wait for HttpClient.Timeout");
        using HttpResponseMessage response = await get;
        Assert.That((response.StatusCode, inner.Calls), Is.EqualTo((HttpStatusCode.OK, 2)), "the GET was retried after the time-out");
        Assert.That(stalled.Disposed, Is.True, "the timed-out response was disposed");
    }

    [Test]
    public void An_OnRetry_that_throws_leaves_the_response_disposed()
    {
        var responses = new ConcurrentBag<TrackedResponse>();
        var inner = new ScriptedHandler((_, request) =>
        {
            var response = new TrackedResponse((HttpStatusCode)429) { RequestMessage = request, Content = new StringContent("""{"error":{"code":"rate_limit_exceeded"}}""") };
            responses.Add(response);
            return response;
        });
        var options = new ApiErrorRetryOptions { TimeProvider = new RecordingTimeProvider(DateTimeOffset.UtcNow), OnRetry = _ => throw new InvalidOperationException("logger bug") };
        using var client = RetryClient.Create(layer, CmfyCloudErrors.Catalog, options, s_address, inner);

        Assert.That(async () => await client.GetAsync("/x"), Throws.InvalidOperationException.With.Message.EqualTo("logger bug"));
        Assert.That(responses.Select(r => r.Disposed), Is.EqualTo(new[] { true }));
    }

    [Test]
    public async Task A_wait_longer_than_a_timer_can_take_is_waited_in_pieces()
    {
        // 5,000,000 s is 57.9 days; Task.Delay takes at most 49.7.
        var inner = new ScriptedHandler((i, request) =>
        {
            var response = new HttpResponseMessage(i == 0 ? (HttpStatusCode)429 : HttpStatusCode.OK) { RequestMessage = request, Content = new StringContent("""{"error":{"code":"rate_limit_exceeded"}}""") };
            response.Headers.TryAddWithoutValidation("Retry-After", "5000000");
            return response;
        });
        var clock = new RecordingTimeProvider(DateTimeOffset.UtcNow);
        using var client = RetryClient.Create(layer, CmfyCloudErrors.Catalog, new ApiErrorRetryOptions { MaxDelay = TimeSpan.FromDays(365), TimeProvider = clock }, s_address, inner);

        using HttpResponseMessage response = await client.GetAsync("/x");

        Assert.That((response.StatusCode, inner.Calls), Is.EqualTo((HttpStatusCode.OK, 2)));
        Assert.That(clock.Waits.Max(), Is.LessThanOrEqualTo(TimeSpan.FromMilliseconds(uint.MaxValue - 1)));
        Assert.That(clock.Waits.Aggregate(TimeSpan.Zero, (a, b) => a + b), Is.GreaterThanOrEqualTo(TimeSpan.FromSeconds(5_000_000)), "never less than the server asked");
    }

    [Test]
    public void With_no_retries_allowed_the_give_up_is_counted()
    {
        var gaveUp = new ConcurrentBag<string>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == "ErrorCodeGen" && instrument.Name == "errorcodegen.http.give_ups")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, _, tags, _) =>
        {
            string all = string.Join(",", tags.ToArray().Select(t => t.Key + "=" + t.Value));
            if (all.Contains("FastApiSample", StringComparison.Ordinal))
            {
                gaveUp.Add(all);
            }
        });
        listener.Start();

        var inner = new ScriptedHandler((_, request) => new HttpResponseMessage(HttpStatusCode.ServiceUnavailable) { RequestMessage = request, Content = new StringContent("{}") });
        var options = new ApiErrorRetryOptions { MaxRetries = 0, TimeProvider = new RecordingTimeProvider(DateTimeOffset.UtcNow) };
        using var client = RetryClient.Create(layer, FastApiSampleErrors.Catalog, options, s_address, inner);

        using HttpResponseMessage response = client.GetAsync("/x").GetAwaiter().GetResult();

        Assert.That((response.StatusCode, inner.Calls), Is.EqualTo((HttpStatusCode.ServiceUnavailable, 1)));
        Assert.That(gaveUp, Has.Count.EqualTo(1), "one give-up, whichever layer");
    }

    [Test]
    public async Task Content_a_retried_request_shares_with_the_next_is_still_sendable()
    {
        // A factory that makes a fresh request each attempt around content it keeps (a multipart part, a stream): the layer
        // disposes none of it, as HttpClient does not, so the retry sends it whole.
        var part = new ByteArrayContent(new byte[] { 65, 66 });
        var inner = new FailsOnceReadingBodies();
        var options = new ApiErrorRetryOptions { TimeProvider = new RecordingTimeProvider(DateTimeOffset.UtcNow) };
        using var client = RetryClient.Create(layer, CmfyCloudErrors.Catalog, options, s_address, inner);

        using HttpResponseMessage response = await client.SendAsync(() =>
            new HttpRequestMessage(HttpMethod.Put, "/x") { Content = new MultipartFormDataContent("b") { { part, "f" } } });

        Assert.That((response.StatusCode, inner.Calls), Is.EqualTo((HttpStatusCode.OK, 2)));
        Assert.That(inner.Bodies.Select(b => Encoding.UTF8.GetString(b).Contains("AB", StringComparison.Ordinal)), Is.EqualTo(new[] { true, true }), "the shared part, both times");
    }

    [Test]
    public async Task A_wait_is_never_shorter_than_asked_when_timers_fire_early()
    {
        var clock = new HalfTimers();
        long start = clock.GetTimestamp();

        await RetryAdvisor.DelayAsync(TimeSpan.FromMilliseconds(400), clock, CancellationToken.None);

        Assert.That(clock.GetElapsedTime(start), Is.GreaterThanOrEqualTo(TimeSpan.FromMilliseconds(400)));
    }

    /// <summary>The system clock, with timers that fire at half their due time.</summary>
    private sealed class HalfTimers : TimeProvider
    {
        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
            => System.CreateTimer(callback, state, dueTime == Timeout.InfiniteTimeSpan ? dueTime : TimeSpan.FromTicks(dueTime.Ticks / 2), period);
    }

    private sealed class TrackedResponse(HttpStatusCode status) : HttpResponseMessage(status)
    {
        public bool Disposed { get; private set; }

        protected override void Dispose(bool disposing)
        {
            Disposed = true;
            base.Dispose(disposing);
        }
    }
}

/// <summary>The decision without the request uses what the response recorded of it.</summary>
public class DecisionWithoutTheRequestTests
{
    [Test]
    public async Task A_POST_whose_response_recorded_its_idempotency_key_is_repeatable()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "http://127.0.0.1:9/api/v1/jobs") { Content = new StringContent("{}") };
        request.Headers.Add("Idempotency-Key", "job-1");
        using var response = new HttpResponseMessage(HttpStatusCode.ServiceUnavailable) { RequestMessage = request, Content = new StringContent("") };
        ApiErrorException error = await CmfyCloudErrors.FromResponseAsync(response);

        Assert.That(RetryAdvisor.Decide(error, request, 0).Verdict, Is.EqualTo(RetryVerdict.Retry));
        Assert.That(RetryAdvisor.Decide(error, null, 0).Verdict, Is.EqualTo(RetryVerdict.Retry), "the recorded key counts");
        Assert.That(RetryAdvisor.Decide(error, null, 0, new ApiErrorRetryOptions { IdempotencyKeyHeader = "X-Other-Key" }).Verdict, Is.EqualTo(RetryVerdict.UnsafeToRepeat), "under another header name it is not the key");

        using var keyless = new HttpRequestMessage(HttpMethod.Post, "http://127.0.0.1:9/api/v1/jobs") { Content = new StringContent("{}") };
        using var keylessResponse = new HttpResponseMessage(HttpStatusCode.ServiceUnavailable) { RequestMessage = keyless, Content = new StringContent("") };
        Assert.That(RetryAdvisor.Decide(await CmfyCloudErrors.FromResponseAsync(keylessResponse), null, 0).Verdict, Is.EqualTo(RetryVerdict.UnsafeToRepeat));
    }
}
