using System.Text;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using ErrorCodeGen;

namespace ErrorCodeGen.Benchmarks;

/// <summary>
/// Reading an error body: our one-pass Utf8JsonReader reader against the obvious alternative (JsonDocument, then
/// look the fields up), and the whole generated FromResponse path. Ratios are what to read; machines are noisy.
/// </summary>
[MemoryDiagnoser]
public class ResponseParsingBenchmarks
{
    private byte[] _runComfy = null!;
    private string _runComfyText = null!;
    private byte[] _runware = null!;

    [GlobalSetup]
    public void Setup()
    {
        _runComfyText = """{"error_code": 422001, "message": "Validation Error", "detail": [{"loc": ["body", "overrides", "6", "inputs", "seed"], "msg": "value is not a valid integer", "type": "type_error.integer"}, {"loc": ["body", "overrides", "9", "inputs", "image"], "msg": "invalid URL", "type": "value_error.url"}]}""";
        _runComfy = Encoding.UTF8.GetBytes(_runComfyText);
        _runware = Encoding.UTF8.GetBytes("""{"data": [], "errors": [{"code": "timeoutProvider", "message": "Provider timed out", "taskType": "imageInference", "taskUUID": "a1"}, {"code": "invalidWidth", "message": "Width out of range", "parameter": "width", "taskUUID": "b2", "type": "integer", "min": 128, "max": 2048}]}""");
    }

    [Benchmark(Baseline = true, Description = "JsonDocument, then look fields up (RunComfy)")]
    public string? JsonDocumentBaseline()
    {
        using JsonDocument doc = JsonDocument.Parse(_runComfy);
        JsonElement root = doc.RootElement;
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

        return code + message + details.Count;
    }

    [Benchmark(Description = "ErrorResponseReader, one pass (RunComfy)")]
    public ErrorResponse ReaderRunComfy() => ErrorResponseReader.Read(ErrorWireFormat.RunComfy, 422, _runComfy);

    [Benchmark(Description = "ErrorResponseReader, one pass (Runware, 2 errors)")]
    public ErrorResponse ReaderRunware() => ErrorResponseReader.Read(ErrorWireFormat.Runware, 400, _runware);

    [Benchmark(Description = "Generated FromResponse (string body, classify, exception)")]
    public Exception FromResponse() => RunComfyServerlessErrors.FromResponse(422, _runComfyText);
}
