using System.Net;
using System.Text;
using BenchmarkDotNet.Attributes;

namespace ErrorCodeGen.Benchmarks;

/// <summary>
/// The cmfy.cloud 429 of <see cref="ErrorPathBenchmarks"/> as <c>HttpClient</c> hands it over: an
/// <see cref="HttpResponseMessage"/> with the dozen headers a CDN-fronted API sends and the body in its content, a new
/// one for every call (each response is read once). The baseline only makes the response, so the difference between a
/// row and the baseline is what reading it costs.
/// </summary>
[MemoryDiagnoser]
public class HttpResponseBenchmarks
{
    private static readonly (string Name, string Value)[] s_headers =
    {
        ("Date", "Wed, 02 Dec 2026 15:50:00 GMT"), ("Server", "cloudflare"), ("Connection", "keep-alive"),
        ("CF-RAY", "8e1f2a3b4c5d6e7f-FRA"), ("Vary", "Accept-Encoding"), ("Strict-Transport-Security", "max-age=31536000"),
        ("X-Request-Id", "req_abc123"), ("Retry-After", "45"), ("X-RateLimit-Limit", "60"), ("X-RateLimit-Remaining", "0"),
        ("X-RateLimit-Reset", "1699574400"),
    };

    private byte[] _body = null!;

    [GlobalSetup]
    public void Setup()
    {
        _body = Encoding.UTF8.GetBytes(ErrorPathBenchmarks.Sample(ErrorPathBenchmarks.Case.Cmfy429).Body);
        if (FromResponseAsync().GetAwaiter().GetResult().Code != CmfyCloudErrorCode.RateLimitExceeded)
        {
            throw new InvalidOperationException("FromResponseAsync did not read the code: the benchmark would measure nothing.");
        }
    }

    private HttpResponseMessage Response()
    {
        var response = new HttpResponseMessage((HttpStatusCode)429);
        foreach ((string name, string value) in s_headers)
        {
            response.Headers.TryAddWithoutValidation(name, value);
        }

        response.Content = new ByteArrayContent(_body);
        response.Content.Headers.TryAddWithoutValidation("Content-Type", "application/json");
        return response;
    }

    [Benchmark(Baseline = true, Description = "Make the response only")]
    public HttpResponseMessage Make() => Response();

    /// <summary>What an SDK author writes by hand: the body as a string, then the parse of <see cref="HandWrittenParser"/> (headers as HttpClient gives them).</summary>
    [Benchmark(Description = "Hand-written: ReadAsStringAsync, JsonDocument parse")]
    public async Task<Exception> HandWritten()
    {
        using HttpResponseMessage response = Response();
        string body = await response.Content.ReadAsStringAsync().ConfigureAwait(false);
        return HandWrittenParser.FromResponse(ErrorPathBenchmarks.Case.Cmfy429, 429, body, response.Headers);
    }

    [Benchmark(Description = "Generated FromResponseAsync(HttpResponseMessage)")]
    public async Task<CmfyCloudException> FromResponseAsync()
    {
        using HttpResponseMessage response = Response();
        return await CmfyCloudErrors.FromResponseAsync(response).ConfigureAwait(false);
    }
}
