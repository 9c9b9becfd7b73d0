using System.Text;
using BenchmarkDotNet.Attributes;
using ErrorCodeGen;

namespace ErrorCodeGen.Benchmarks;

/// <summary>
/// Hostile bodies of 1 MiB: past the item caps nothing is built, so the time and the allocation of reading
/// <c>{"errors":[1,1,…]}</c> stay close to those of the same number of bytes of plain white space, and far below the
/// body's size. The baseline reads a body of the same length that holds one error and white space.
/// </summary>
[MemoryDiagnoser]
public class HostileBodyBenchmarks
{
    private byte[] _errorsOfNumbers = null!;
    private byte[] _errorsOfObjects = null!;
    private byte[] _padded = null!;
    private string _errorsOfNumbersText = null!;

    [GlobalSetup]
    public void Setup()
    {
        _errorsOfNumbersText = Fill("{\"errors\":[", "1", "]}");
        _errorsOfNumbers = Encoding.UTF8.GetBytes(_errorsOfNumbersText);
        _errorsOfObjects = Encoding.UTF8.GetBytes(Fill("{\"errors\":[", "{\"code\":\"c\",\"message\":\"m\"}", "]}"));
        string one = "{\"errors\":[{\"code\":\"c\",\"message\":\"m\"}]";
        _padded = Encoding.UTF8.GetBytes(one + new string(' ', ErrorResponseReader.MaxBodyBytes - one.Length - 1) + "}");
    }

    private static string Fill(string prefix, string item, string suffix)
    {
        var sb = new StringBuilder(ErrorResponseReader.MaxBodyBytes);
        sb.Append(prefix).Append(item);
        while (sb.Length + item.Length + 1 + suffix.Length <= ErrorResponseReader.MaxBodyBytes)
        {
            sb.Append(',').Append(item);
        }

        return sb.Append(suffix).ToString();
    }

    [Benchmark(Baseline = true, Description = "1 MiB: one error, then white space (bytes)")]
    public ErrorResponse Padded() => ErrorResponseReader.Read(ErrorWireFormat.Runware, 400, _padded);

    [Benchmark(Description = "1 MiB {\"errors\":[1,1,…]} (bytes)")]
    public ErrorResponse ErrorsOfNumbers() => ErrorResponseReader.Read(ErrorWireFormat.Runware, 400, _errorsOfNumbers);

    [Benchmark(Description = "1 MiB {\"errors\":[{code,message},…]} (bytes)")]
    public ErrorResponse ErrorsOfObjects() => ErrorResponseReader.Read(ErrorWireFormat.Runware, 400, _errorsOfObjects);

    [Benchmark(Description = "1 MiB {\"errors\":[1,1,…]} (string)")]
    public ErrorResponse ErrorsOfNumbersString() => ErrorResponseReader.Read(ErrorWireFormat.Runware, 400, _errorsOfNumbersText);
}
