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

    /// <summary>
    /// A declared shape of the same body that names request-id headers of its own (as a catalog's <c>shape:</c> with
    /// <c>request_id_headers</c> does), in the JSON format (which also looks for <c>application/problem+json</c>): the
    /// headers it reads besides the facts.
    /// </summary>
    private static readonly ErrorShape s_declared = DeclaredShape();

    private static ErrorShape DeclaredShape()
    {
        var definition = new ErrorShapeDefinition();
        definition.Error.Add("/error");
        definition.Code.Add("/code");
        definition.Message.Add("/message");
        definition.RequestId.Add("/request_id");
        definition.RetryAfter.Add("/retry_after");
        definition.RequestIdHeaders.Add("X-Trace-Id");
        definition.RequestIdHeaders.Add("X-Request-Id");
        return ErrorShape.Create(definition);
    }

    [GlobalSetup]
    public void Setup()
    {
        _body = Encoding.UTF8.GetBytes(ErrorPathBenchmarks.Sample(ErrorPathBenchmarks.Case.Cmfy429).Body);
        if (FromResponseAsync().GetAwaiter().GetResult().Code != CmfyCloudErrorCode.RateLimitExceeded)
        {
            throw new InvalidOperationException("FromResponseAsync did not read the code: the benchmark would measure nothing.");
        }

        ErrorResponse declared = ReadDeclaredAsync().GetAwaiter().GetResult();
        if (declared.RawCode != "rate_limit_exceeded" || declared.RequestId != "req_abc123" || declared.RateLimit?.Limit != 60)
        {
            throw new InvalidOperationException("The declared shape did not read the body and the headers.");
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

    /// <summary>
    /// The same response read twice, as the retry handler and then its caller read an error it does not retry: the second
    /// read is the first's result (the difference from the row above is what the caller's read costs).
    /// </summary>
    [Benchmark(Description = "FromResponseAsync twice on one response (the retry handler's read, then the caller's)")]
    public async Task<CmfyCloudException> FromResponseAsyncTwice()
    {
        using HttpResponseMessage response = Response();
        await CmfyCloudErrors.FromResponseAsync(response).ConfigureAwait(false);
        return await CmfyCloudErrors.FromResponseAsync(response).ConfigureAwait(false);
    }

    /// <summary>The same response read in a declared shape: its request-id headers are read in the walk of the facts.</summary>
    [Benchmark(Description = "ReadAsync(HttpResponseMessage), a declared shape with request-id headers")]
    public async Task<ErrorResponse> ReadDeclaredAsync()
    {
        using HttpResponseMessage response = Response();
        return await ErrorResponseReader.ReadAsync(s_declared, response, TimeProvider.System).ConfigureAwait(false);
    }
}
