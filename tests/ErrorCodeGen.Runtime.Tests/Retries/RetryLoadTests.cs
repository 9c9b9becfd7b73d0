using System;
using System.Collections.Concurrent;
using System.Linq;
using System.Net.Http;
using System.Threading.Tasks;
using ErrorCodeGen;
using ErrorCodeGen.Http;
using NUnit.Framework;

namespace ErrorCodeGen.Runtime.Tests.Retries;

/// <summary>
/// 64 concurrent clients, 50 POSTs each, against a server that injects 30% faults, half before it processes a job and
/// half after: without idempotency keys no job is processed twice; with keys every job is processed exactly once. Every
/// request ends in success or in the catalog's exception, and no wait is shorter than the server asked.
/// </summary>
[NonParallelizable]
public class RetryLoadTests
{
    private const int ClientCount = 64;
    private const int PostsPerClient = 50;

    private static readonly Fault[] s_before = { Fault.RateLimitSeconds, Fault.ResetBeforeRead, Fault.Unavailable };
    private static readonly Fault[] s_after = { Fault.ErrorAfterRecording, Fault.ResetAfterRecording };

    internal sealed record LoadResult(int Succeeded, int CatalogExceptions, string[] Other, string[] Duplicates, int Unprocessed, string[] ShortWaits);

    /// <summary>Runs the load through clients from <paramref name="clientFactory"/>, one per task.</summary>
    internal static async Task<LoadResult> RunAsync(FaultServer server, bool withKeys, int seed, Func<ApiErrorRetryOptions, Func<Func<HttpRequestMessage>, Task<HttpResponseMessage>>> clientFactory)
    {
        var random = new Random(seed);
        var jobs = new string[ClientCount * PostsPerClient];
        for (int i = 0; i < jobs.Length; i++)
        {
            jobs[i] = seed + "-" + i;
            var faults = new System.Collections.Generic.List<Fault>();
            // Each attempt faults with 30% probability, half before processing and half after; keys let more attempts through.
            for (int attempt = 0; attempt < 12; attempt++)
            {
                double roll = random.NextDouble();
                if (roll >= 0.3)
                {
                    break;
                }

                faults.Add(roll < 0.15 ? s_before[random.Next(s_before.Length)] : s_after[random.Next(s_after.Length)]);
            }

            server.Script(jobs[i], faults.ToArray());
        }

        int succeeded = 0, catalogExceptions = 0;
        var other = new ConcurrentBag<string>();
        var shortWaits = new ConcurrentBag<string>();
        await Task.WhenAll(Enumerable.Range(0, ClientCount).Select(async client =>
        {
            var options = new ApiErrorRetryOptions
            {
                MaxRetries = withKeys ? 12 : 3,
                TimeProvider = new RecordingTimeProvider(DateTimeOffset.UtcNow),
                OnRetry = e =>
                {
                    if (e.Error.Response.RetryAfter is TimeSpan asked && e.Advice.Delay < asked)
                    {
                        shortWaits.Add(e.Advice.Delay + " < " + asked);
                    }
                },
            };
            Func<Func<HttpRequestMessage>, Task<HttpResponseMessage>> send = clientFactory(options);
            for (int n = 0; n < PostsPerClient; n++)
            {
                string job = jobs[client * PostsPerClient + n];
                HttpRequestMessage Create()
                {
                    var request = new HttpRequestMessage(HttpMethod.Post, "/jobs/" + job) { Content = new StringContent("{\"prompt\":\"p\"}") };
                    if (withKeys)
                    {
                        request.Headers.Add("Idempotency-Key", job);
                    }

                    return request;
                }

                try
                {
                    using HttpResponseMessage response = await send(Create).WaitAsync(TimeSpan.FromSeconds(60));
                    if (!response.IsSuccessStatusCode)
                    {
                        throw await CmfyCloudErrors.FromResponseAsync(response);
                    }

                    System.Threading.Interlocked.Increment(ref succeeded);
                }
                catch (CmfyCloudException)
                {
                    System.Threading.Interlocked.Increment(ref catalogExceptions);
                }
                catch (Exception ex)
                {
                    other.Add(ex.GetType().Name + ": " + ex.Message);
                }
            }
        }));

        int unprocessed = jobs.Count(j => server.Processed(j) == 0);
        return new LoadResult(succeeded, catalogExceptions, other.ToArray(), server.Duplicates().Where(d => d.StartsWith(seed + "-", StringComparison.Ordinal)).ToArray(), unprocessed, shortWaits.ToArray());
    }

    internal static Func<ApiErrorRetryOptions, Func<Func<HttpRequestMessage>, Task<HttpResponseMessage>>> Clients(FaultServer server, RetryLayer layer) => options =>
    {
        RetryClient client = RetryClient.Create(layer, CmfyCloudErrors.Catalog, options, server.Address);
        return create => client.SendAsync(create);
    };

    [TestCase(RetryLayer.Handler)]
    [TestCase(RetryLayer.Polly)]
    public async Task Without_keys_no_job_is_processed_twice(RetryLayer layer)
    {
        await using FaultServer server = await FaultServer.StartAsync();
        LoadResult result = await RunAsync(server, withKeys: false, seed: 1, Clients(server, layer));

        Assert.That(result.Other, Is.Empty, "never a raw HttpRequestException, never a hang");
        Assert.That(result.Duplicates, Is.Empty);
        Assert.That(result.ShortWaits, Is.Empty);
        Assert.That(result.Succeeded + result.CatalogExceptions, Is.EqualTo(ClientCount * PostsPerClient));
        Assert.That(result.CatalogExceptions, Is.GreaterThan(0), "the faults after processing are not repeated: they surface");
        Assert.That(result.Succeeded, Is.GreaterThan(ClientCount * PostsPerClient / 2));
    }

    [TestCase(RetryLayer.Handler)]
    [TestCase(RetryLayer.Polly)]
    public async Task With_keys_every_job_is_processed_exactly_once(RetryLayer layer)
    {
        await using FaultServer server = await FaultServer.StartAsync();
        LoadResult result = await RunAsync(server, withKeys: true, seed: 2, Clients(server, layer));

        Assert.That(result.Other, Is.Empty);
        Assert.That(result.Duplicates, Is.Empty);
        Assert.That(result.Unprocessed, Is.Zero);
        Assert.That(result.ShortWaits, Is.Empty);
        Assert.That(result.Succeeded, Is.EqualTo(ClientCount * PostsPerClient));
    }
}
