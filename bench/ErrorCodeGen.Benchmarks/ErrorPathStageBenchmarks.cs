using System.Text;
using System.Text.Json;
using BenchmarkDotNet.Attributes;

namespace ErrorCodeGen.Benchmarks;

/// <summary>
/// The cmfy.cloud 429 of <see cref="ErrorPathBenchmarks"/> taken apart: what each stage of <c>FromResponse</c> costs on its
/// own, against the floors it cannot go below (a bare <see cref="Utf8JsonReader"/> pass over the same bytes, a bare
/// <see cref="Exception"/>). For finding where the time goes, not for the ratios.
/// </summary>
[MemoryDiagnoser]
public class ErrorPathStageBenchmarks
{
    private string _body = null!;
    private byte[] _utf8 = null!;
    private List<KeyValuePair<string, IEnumerable<string>>> _headers = null!;
    private ErrorResponse _read = null!;

    [GlobalSetup]
    public void Setup()
    {
        (_, _, _body, (string Name, string Value)[] headers) = ErrorPathBenchmarks.Sample(ErrorPathBenchmarks.Case.Cmfy429);
        _utf8 = Encoding.UTF8.GetBytes(_body);
        _headers = headers.Select(h => new KeyValuePair<string, IEnumerable<string>>(h.Name, new[] { h.Value })).ToList();
        _read = ErrorResponseReader.Read(ErrorWireFormat.Cmfy, 429, _body, _headers);
        FindStrings();
        if (ModelFloor() is not CmfyCloudRateLimitException { RequestId: "req_abc123", ServerMessage: "Rate limit exceeded" })
        {
            throw new InvalidOperationException("The model's floor did not make the exception the path makes.");
        }

        if (WrittenForThisShape() is not CmfyCloudException { Response: var bound } || bound.ToString() != _read.ToString() || bound.RetryAfter != _read.RetryAfter || bound.RateLimit?.ToString() != _read.RateLimit?.ToString() || bound.HasErrorPayload != _read.HasErrorPayload)
        {
            throw new InvalidOperationException("The reader written for this shape did not read what the path reads.");
        }
    }

    [Benchmark(Baseline = true, Description = "FromResponse (whole path)")]
    public Exception Whole() => CmfyCloudErrors.FromResponse(429, _body, _headers);

    [Benchmark(Description = "Read: body and headers")]
    public ErrorResponse Read() => ErrorResponseReader.Read(ErrorWireFormat.Cmfy, 429, _body, _headers);

    [Benchmark(Description = "Read: body only")]
    public ErrorResponse ReadBody() => ErrorResponseReader.Read(ErrorWireFormat.Cmfy, 429, _body, null);

    [Benchmark(Description = "Read: headers only (empty body)")]
    public ErrorResponse ReadHeaders() => ErrorResponseReader.Read(ErrorWireFormat.Cmfy, 429, string.Empty, _headers);

    [Benchmark(Description = "Headers: the facts alone (one scan, RateLimitInfo)")]
    public object HeaderScan() => HeaderFacts.From(_headers, TimeProvider.System).RateLimit!;

    [Benchmark(Description = "Encode: the body to UTF-8 alone")]
    public int Encode() => Utf8Text.Encode(_body, _buffer);

    [Benchmark(Description = "FromErrorResponse (classify and construct)")]
    public Exception Classify() => CmfyCloudErrors.FromErrorResponse(_read);

    [Benchmark(Description = "TryParse of the code")]
    public bool Lookup() => CmfyCloudErrors.TryParse("rate_limit_exceeded", out _);

    [Benchmark(Description = "Floor: Utf8JsonReader over the bytes")]
    public int ReaderFloor()
    {
        var reader = new Utf8JsonReader(_utf8);
        int tokens = 0;
        while (reader.Read())
        {
            tokens++;
        }

        return tokens;
    }

    [Benchmark(Description = "Floor: the read path's JsonTokenReader over the bytes")]
    public int TokenReaderFloor()
    {
        var reader = new JsonTokenReader(_utf8);
        int tokens = 0;
        while (reader.Read())
        {
            tokens++;
        }

        return tokens;
    }

    [Benchmark(Description = "Floor: new Exception()")]
    public Exception ExceptionFloor() => new InvalidOperationException();

    /// <summary>
    /// What the model makes every reader of this body do, and nothing else: the string encoded to UTF-8 (into a
    /// buffer kept, as the path's stack buffer is), one token pass over every byte, the two strings the error keeps
    /// (decoded from where they are, found beforehand), and the objects of a complete error: its <see cref="ApiError"/>,
    /// <see cref="RateLimitInfo"/>, <see cref="ErrorResponse"/> and the exception, classified as
    /// <c>FromErrorResponse</c> does. No header is read, no member name matched, no number parsed: a floor below any
    /// reader of this model, to set beside the path and beside Azure.Core.
    /// </summary>
    [Benchmark(Description = "Floor: the model (encode, one token pass, two strings, the four objects)")]
    public Exception ModelFloor()
    {
        int written = Utf8Text.Encode(_body, _buffer);
        var reader = new JsonTokenReader(_buffer.AsSpan(0, written));
        while (reader.Read())
        {
        }

        string message = Encoding.Latin1.GetString(_buffer, _messageAt, _messageLength);
        string requestId = Encoding.Latin1.GetString(_buffer, _requestIdAt, _requestIdLength);
        var error = new ApiError("rate_limit_exceeded", message);
        var rateLimit = new RateLimitInfo(60, 0, s_reset, 0, 0, 0, 0, RateLimitInfo.Present.Limit | RateLimitInfo.Present.Remaining | RateLimitInfo.Present.Reset);
        var response = new ErrorResponse(ErrorWireFormat.Cmfy, 429, ErrorBodyKind.Json, null, error, requestId, s_wait, rateLimit, null, false, null) { ReadShape = ErrorShape.Cmfy };
        return CmfyCloudErrors.FromErrorResponse(response);
    }

    /// <summary>
    /// A reader written by hand for this one body's members and nothing else (a bound on what a reader the generator
    /// specialised per catalog could gain): the header facts as the path reads them, the body encoded and read in one
    /// pass with each name matched by its length and a literal, the values through the path's own helpers, the same
    /// objects. Anything else in the body, and it gives up (null), as such a reader would hand over to the general one.
    /// </summary>
    [Benchmark(Description = "Bound: a reader written for this body's members alone")]
    public Exception? WrittenForThisShape()
    {
        HeaderFacts facts = HeaderFacts.From(_headers, TimeProvider.System);
        int written = Utf8Text.Encode(_body, _buffer);
        ReadOnlySpan<byte> body = _buffer.AsSpan(0, written);
        var r = new JsonTokenReader(body);
        string? code = null, message = null, requestId = null;
        TimeSpan? wait = null;
        if (!r.Read() || r.TokenType != JsonTokenType.StartObject)
        {
            return null;
        }

        while (r.ReadMemberName())
        {
            if (!r.ValueSpan.SequenceEqual("error"u8))
            {
                return null;
            }

            r.ReadMemberValue();
            if (r.TokenType != JsonTokenType.StartObject)
            {
                return null;
            }

            while (r.ReadMemberName())
            {
                ReadOnlySpan<byte> name = r.ValueSpan;
                r.ReadMemberValue();
                switch (name.Length)
                {
                    case 4 when name.SequenceEqual("code"u8):
                        JsonValues.TakeToken(ref code, ref r, body, ReaderLimits.MaxCodeLength);
                        break;
                    case 7 when name.SequenceEqual("message"u8):
                        JsonValues.Take(ref message, ref r, body, ReaderLimits.MaxStringLength);
                        break;
                    case 7 when name.SequenceEqual("details"u8):
                        r.Skip();
                        break;
                    case 10 when name.SequenceEqual("request_id"u8):
                        JsonValues.Take(ref requestId, ref r, body, ReaderLimits.MaxRequestIdLength);
                        break;
                    case 11 when name.SequenceEqual("retry_after"u8):
                        wait ??= JsonValues.Seconds(ref r, body);
                        break;
                    default:
                        return null;
                }
            }
        }

        if (r.Read())
        {
            return null;
        }

        var response = new ErrorResponse(ErrorWireFormat.Cmfy, 429, ErrorBodyKind.Json, null, new ApiError(code, message), requestId ?? facts.RequestId, Waits.Longer(facts.RetryAfter, wait), facts.RateLimit, null, code != null, null) { ReadShape = ErrorShape.Cmfy };
        return CmfyCloudErrors.FromErrorResponse(response);
    }

    private static readonly DateTimeOffset s_reset = DateTimeOffset.FromUnixTimeSeconds(1699574400);
    private static readonly TimeSpan? s_wait = TimeSpan.FromSeconds(45);
    private readonly byte[] _buffer = new byte[1024];
    private int _messageAt;
    private int _messageLength;
    private int _requestIdAt;
    private int _requestIdLength;

    /// <summary>Where the message and the request id are in the encoded body (for <see cref="ModelFloor"/>).</summary>
    private void FindStrings()
    {
        (_messageAt, _messageLength) = Find(_utf8, "Rate limit exceeded");
        (_requestIdAt, _requestIdLength) = Find(_utf8, "req_abc123");

        static (int At, int Length) Find(byte[] body, string text)
        {
            int at = body.AsSpan().IndexOf(Encoding.UTF8.GetBytes(text));
            return at >= 0 ? (at, text.Length) : throw new InvalidOperationException(text + " is not in the body");
        }
    }
}
