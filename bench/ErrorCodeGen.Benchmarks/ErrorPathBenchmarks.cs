using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Azure;
using Azure.Core;
using BenchmarkDotNet.Attributes;

namespace ErrorCodeGen.Benchmarks;

/// <summary>
/// The whole error path, from a body and its headers to the exception to throw, against the two things a user would
/// otherwise pick, on the same bytes and headers in one run: the <see cref="JsonDocument"/> parse an SDK author writes
/// by hand (the baseline) and Azure.Core's <see cref="RequestFailedException(Response)"/>. Ratios are what to read.
/// </summary>
/// <remarks>
/// Every method returns a complete exception. Ours is built as users get it (<c>FromResponse(status, body, headers)</c>),
/// with every field read and the remediation and one-line message available; the benchmark does not read the message,
/// as a caller that catches and retries does not (reading it is measured apart, in <see cref="ErrorMessageBenchmarks"/>).
/// </remarks>
[MemoryDiagnoser]
public class ErrorPathBenchmarks
{
    /// <summary>The responses measured.</summary>
    public enum Case
    {
        /// <summary>cmfy.cloud 429 (the page's example) with <c>Retry-After</c> and <c>X-RateLimit-*</c> headers.</summary>
        Cmfy429,

        /// <summary>RunComfy 422 with a FastAPI <c>detail</c> list of two items.</summary>
        RunComfy422Detail,

        /// <summary>Runware 400 with two errors.</summary>
        Runware400TwoErrors,

        /// <summary>A proxy's HTML 502 page, to the cmfy.cloud client.</summary>
        Html502,

        /// <summary>An empty 503 with <c>Retry-After</c>, to the cmfy.cloud client.</summary>
        Empty503,
    }

    private string _body = null!;
    private int _status;
    private List<KeyValuePair<string, IEnumerable<string>>> _headers = null!;
    private BenchResponse _azureResponse = null!;

    [Params(Case.Cmfy429, Case.RunComfy422Detail, Case.Runware400TwoErrors, Case.Html502, Case.Empty503)]
    public Case Response { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        (int status, string reason, string body, (string Name, string Value)[] headers) = Sample(Response);
        _status = status;
        _body = body;
        _headers = headers.Select(h => new KeyValuePair<string, IEnumerable<string>>(h.Name, new[] { h.Value })).ToList();
        _azureResponse = new BenchResponse(status, reason, Encoding.UTF8.GetBytes(body), headers);

        // Fail fast if a path stopped reading what the table claims it reads.
        Exception ours = FromResponse();
        if (ours is not ApiErrorException api || api.HttpStatus != status || api.Message.Length == 0)
        {
            throw new InvalidOperationException("FromResponse did not give a complete exception for " + Response);
        }
    }

    /// <summary>The bodies and headers, shared with the tests of the structural facts behind these numbers.</summary>
    public static (int Status, string Reason, string Body, (string Name, string Value)[] Headers) Sample(Case response) => response switch
    {
        Case.Cmfy429 => (429, "Too Many Requests",
            """{"error": {"code": "rate_limit_exceeded", "message": "Rate limit exceeded", "details": {}, "retry_after": 45, "request_id": "req_abc123"}}""",
            new[] { ("Content-Type", "application/json"), ("Retry-After", "45"), ("X-RateLimit-Limit", "60"), ("X-RateLimit-Remaining", "0"), ("X-RateLimit-Reset", "1699574400") }),
        Case.RunComfy422Detail => (422, "Unprocessable Entity",
            """{"error_code": 422001, "message": "Validation Error", "detail": [{"loc": ["body", "overrides", "6", "inputs", "seed"], "msg": "value is not a valid integer", "type": "type_error.integer"}, {"loc": ["body", "overrides", "9", "inputs", "image"], "msg": "invalid URL", "type": "value_error.url"}]}""",
            new[] { ("Content-Type", "application/json"), ("X-Request-Id", "req_7f3a9c") }),
        Case.Runware400TwoErrors => (400, "Bad Request",
            """{"data": [], "errors": [{"code": "timeoutProvider", "message": "Provider timed out", "taskType": "imageInference", "taskUUID": "a1"}, {"code": "invalidWidth", "message": "Width out of range", "parameter": "width", "taskUUID": "b2", "type": "integer", "min": 128, "max": 2048}]}""",
            new[] { ("Content-Type", "application/json") }),
        Case.Html502 => (502, "Bad Gateway",
            "<!DOCTYPE html>\n<html>\n<head>\n<title>502 Bad Gateway</title>\n<meta charset=\"utf-8\">\n</head>\n<body>\n<center><h1>502 Bad Gateway</h1></center>\n<hr><center>cloudflare</center>\n</body>\n</html>\n",
            new[] { ("Content-Type", "text/html"), ("Server", "cloudflare") }),
        Case.Empty503 => (503, "Service Unavailable", "",
            new[] { ("Retry-After", "30"), ("Content-Length", "0") }),
        _ => throw new ArgumentOutOfRangeException(nameof(response)),
    };

    /// <summary>The parse an SDK author writes by hand: <see cref="JsonDocument"/>, the code, the message and the wait.</summary>
    [Benchmark(Baseline = true, Description = "Hand-written JsonDocument parse")]
    public Exception HandWritten() => HandWrittenParser.FromResponse(Response, _status, _body, _headers);

    [Benchmark(Description = "Azure.Core RequestFailedException(Response)")]
    public Exception AzureCore() => new RequestFailedException(_azureResponse);

    [Benchmark(Description = "Generated FromResponse (string body, headers)")]
    public Exception FromResponse() => Response switch
    {
        Case.RunComfy422Detail => RunComfyServerlessErrors.FromResponse(_status, _body, _headers),
        Case.Runware400TwoErrors => RunwareErrors.FromResponse(_status, _body, _headers),
        _ => CmfyCloudErrors.FromResponse(_status, _body, _headers),
    };
}

/// <summary>
/// Reading the one-line message of our exception, the first time (it is built then, and kept), beside the two peers' own
/// messages read the same way (theirs are built in the constructor): what a caller that logs every error pays.
/// </summary>
[MemoryDiagnoser]
public class ErrorMessageBenchmarks
{
    private string _body = null!;
    private List<KeyValuePair<string, IEnumerable<string>>> _headers = null!;
    private BenchResponse _azureResponse = null!;

    [GlobalSetup]
    public void Setup()
    {
        (_, string reason, _body, (string Name, string Value)[] headers) = ErrorPathBenchmarks.Sample(ErrorPathBenchmarks.Case.Cmfy429);
        _headers = headers.Select(h => new KeyValuePair<string, IEnumerable<string>>(h.Name, new[] { h.Value })).ToList();
        _azureResponse = new BenchResponse(429, reason, Encoding.UTF8.GetBytes(_body), headers);
    }

    [Benchmark(Description = "Hand-written parse, then read Message")]
    public string HandWrittenMessage() => HandWrittenParser.FromResponse(ErrorPathBenchmarks.Case.Cmfy429, 429, _body, _headers).Message;

    [Benchmark(Description = "Azure.Core RequestFailedException, then read Message")]
    public string AzureCoreMessage() => new RequestFailedException(_azureResponse).Message;

    [Benchmark(Baseline = true, Description = "FromResponse (cmfy 429)")]
    public Exception FromResponse() => CmfyCloudErrors.FromResponse(429, _body, _headers);

    [Benchmark(Description = "FromResponse, then read Message")]
    public string FromResponseAndMessage() => CmfyCloudErrors.FromResponse(429, _body, _headers).Message;

    [Benchmark(Description = "FromResponse, then ToString()")]
    public string FromResponseAndToString() => CmfyCloudErrors.FromResponse(429, _body, _headers).ToString();
}

/// <summary>The exception a hand-written client throws: the status, the code, the message and the wait.</summary>
public sealed class HandWrittenApiException : Exception
{
    public HandWrittenApiException(int status, string? code, string message, TimeSpan? retryAfter)
        : base(message)
    {
        Status = status;
        Code = code;
        RetryAfter = retryAfter;
    }

    public int Status { get; }

    public string? Code { get; }

    public TimeSpan? RetryAfter { get; }
}

/// <summary>
/// What an SDK author writes by hand for each of these vendors: guard an empty body, parse with <see cref="JsonDocument"/>
/// (catching <see cref="JsonException"/> for a body that is not JSON), look the fields up, read <c>Retry-After</c>, and
/// make a message of the code and the server's message. No bounds, no secret masking, no classification.
/// </summary>
public static class HandWrittenParser
{
    public static Exception FromResponse(ErrorPathBenchmarks.Case response, int status, string body, IEnumerable<KeyValuePair<string, IEnumerable<string>>> headers)
    {
        TimeSpan? retryAfter = RetryAfter(headers);
        if (string.IsNullOrWhiteSpace(body))
        {
            return new HandWrittenApiException(status, null, "HTTP " + status.ToString(CultureInfo.InvariantCulture), retryAfter);
        }

        try
        {
            using JsonDocument doc = JsonDocument.Parse(body);
            return response switch
            {
                ErrorPathBenchmarks.Case.RunComfy422Detail => RunComfy(status, doc.RootElement, retryAfter),
                ErrorPathBenchmarks.Case.Runware400TwoErrors => Runware(status, doc.RootElement, retryAfter),
                _ => Cmfy(status, doc.RootElement, retryAfter),
            };
        }
        catch (JsonException)
        {
            return new HandWrittenApiException(status, null, "HTTP " + status.ToString(CultureInfo.InvariantCulture) + ": the body is not JSON", retryAfter);
        }
    }

    private static Exception Cmfy(int status, JsonElement root, TimeSpan? retryAfter)
    {
        string? code = null, message = null;
        if (root.TryGetProperty("error", out JsonElement error) && error.ValueKind == JsonValueKind.Object)
        {
            code = error.TryGetProperty("code", out JsonElement c) ? c.GetString() : null;
            message = error.TryGetProperty("message", out JsonElement m) ? m.GetString() : null;
            if (error.TryGetProperty("retry_after", out JsonElement r) && r.TryGetDouble(out double seconds))
            {
                TimeSpan body = TimeSpan.FromSeconds(seconds);
                retryAfter = retryAfter is null || body > retryAfter ? body : retryAfter;
            }
        }

        return new HandWrittenApiException(status, code, code + ": " + message, retryAfter);
    }

    private static Exception RunComfy(int status, JsonElement root, TimeSpan? retryAfter)
    {
        string? code = root.TryGetProperty("error_code", out JsonElement c) ? c.ToString() : null;
        string? message = root.TryGetProperty("message", out JsonElement m) ? m.GetString() : null;
        var details = new List<string>();
        if (root.TryGetProperty("detail", out JsonElement detail) && detail.ValueKind == JsonValueKind.Array)
        {
            foreach (JsonElement item in detail.EnumerateArray())
            {
                string loc = string.Join(".", item.GetProperty("loc").EnumerateArray().Select(e => e.ToString()));
                details.Add(loc + ": " + item.GetProperty("msg").GetString());
            }
        }

        return new HandWrittenApiException(status, code, code + ": " + message + " (" + string.Join("; ", details) + ")", retryAfter);
    }

    private static Exception Runware(int status, JsonElement root, TimeSpan? retryAfter)
    {
        string? code = null, message = null;
        int count = 0;
        if (root.TryGetProperty("errors", out JsonElement errors) && errors.ValueKind == JsonValueKind.Array)
        {
            foreach (JsonElement item in errors.EnumerateArray())
            {
                if (count++ == 0)
                {
                    code = item.TryGetProperty("code", out JsonElement c) ? c.GetString() : null;
                    message = item.TryGetProperty("message", out JsonElement m) ? m.GetString() : null;
                }
            }
        }

        return new HandWrittenApiException(status, code, code + ": " + message + (count > 1 ? " (and " + (count - 1).ToString(CultureInfo.InvariantCulture) + " more)" : string.Empty), retryAfter);
    }

    private static TimeSpan? RetryAfter(IEnumerable<KeyValuePair<string, IEnumerable<string>>> headers)
    {
        foreach (KeyValuePair<string, IEnumerable<string>> header in headers)
        {
            if (string.Equals(header.Key, "Retry-After", StringComparison.OrdinalIgnoreCase))
            {
                foreach (string value in header.Value)
                {
                    if (int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out int seconds))
                    {
                        return TimeSpan.FromSeconds(seconds);
                    }
                }
            }
        }

        return null;
    }
}

/// <summary>An Azure.Core <see cref="Azure.Response"/> over fixed bytes and headers, as a transport would buffer it.</summary>
public sealed class BenchResponse : Azure.Response
{
    private readonly byte[] _body;
    private readonly (string Name, string Value)[] _headers;
    private MemoryStream? _content;

    public BenchResponse(int status, string reason, byte[] body, (string Name, string Value)[] headers)
    {
        Status = status;
        ReasonPhrase = reason;
        _body = body;
        _headers = headers;
        _content = new MemoryStream(body, 0, body.Length, writable: false, publiclyVisible: true);
    }

    public override int Status { get; }

    public override string ReasonPhrase { get; }

    public override Stream? ContentStream
    {
        get => _content;
        set => _content = value as MemoryStream ?? new MemoryStream(_body, 0, _body.Length, writable: false, publiclyVisible: true);
    }

    public override string ClientRequestId { get; set; } = string.Empty;

    public override void Dispose()
    {
    }

    protected override bool ContainsHeader(string name) => TryGetHeader(name, out _);

    protected override bool TryGetHeader(string name, [NotNullWhen(true)] out string? value)
    {
        foreach ((string n, string v) in _headers)
        {
            if (string.Equals(n, name, StringComparison.OrdinalIgnoreCase))
            {
                value = v;
                return true;
            }
        }

        value = null;
        return false;
    }

    protected override bool TryGetHeaderValues(string name, [NotNullWhen(true)] out IEnumerable<string>? values)
    {
        bool found = TryGetHeader(name, out string? value);
        values = found ? new[] { value! } : null;
        return found;
    }

    protected override IEnumerable<HttpHeader> EnumerateHeaders()
    {
        foreach ((string n, string v) in _headers)
        {
            yield return new HttpHeader(n, v);
        }
    }
}
