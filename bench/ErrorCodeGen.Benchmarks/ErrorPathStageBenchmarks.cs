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
    }

    [Benchmark(Baseline = true, Description = "FromResponse (whole path)")]
    public Exception Whole() => CmfyCloudErrors.FromResponse(429, _body, _headers);

    [Benchmark(Description = "Read: body and headers")]
    public ErrorResponse Read() => ErrorResponseReader.Read(ErrorWireFormat.Cmfy, 429, _body, _headers);

    [Benchmark(Description = "Read: body only")]
    public ErrorResponse ReadBody() => ErrorResponseReader.Read(ErrorWireFormat.Cmfy, 429, _body, null);

    [Benchmark(Description = "Read: headers only (empty body)")]
    public ErrorResponse ReadHeaders() => ErrorResponseReader.Read(ErrorWireFormat.Cmfy, 429, string.Empty, _headers);

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
}
