using System.Diagnostics;
using BenchmarkDotNet.Running;
using ErrorCodeGen.Benchmarks;

// dotnet run -c Release --project bench/ErrorCodeGen.Benchmarks -- --filter '*'
//
// Or, to profile one case of the error path under perf (not a measurement: BenchmarkDotNet's tables are):
//   DOTNET_PerfMapEnabled=1 DOTNET_EnableWriteXorExecute=0 perf record -g \
//     bench/ErrorCodeGen.Benchmarks/bin/Release/net10.0/ErrorCodeGen.Benchmarks --profile Cmfy429 10000000
if (args.Length >= 1 && args[0] == "--profile")
{
    ErrorPathBenchmarks bench = CaseOf(args);
    long count = args.Length > 2 ? long.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 5_000_000;
    string which = args.Length > 3 ? args[3] : "ours";
    for (int round = 0; round < 5; round++)
    {
        long allocated = GC.GetAllocatedBytesForCurrentThread();
        var clock = Stopwatch.StartNew();
        for (long i = 0; i < count / 5; i++)
        {
            _ = which switch
            {
                "hand" => bench.HandWritten(),
                "azure" => bench.AzureCore(),
                _ => bench.FromResponse(),
            };
        }

        double perCall = (GC.GetAllocatedBytesForCurrentThread() - allocated) / (double)(count / 5);
        Console.WriteLine($"{bench.Response} {which}: {clock.Elapsed.TotalNanoseconds / (count / 5):F1} ns, {perCall:F0} B per call");
    }

    return;
}

// Or, to compare ours with the hand-written parse in time with the machine's drift cancelled (not a BenchmarkDotNet
// figure): blocks of calls of each, alternated, and the median of the per-block ratios:
//   bench/ErrorCodeGen.Benchmarks/bin/Release/net10.0/ErrorCodeGen.Benchmarks --interleave Cmfy429 400
if (args.Length >= 1 && args[0] == "--interleave")
{
    ErrorPathBenchmarks bench = CaseOf(args);
    int rounds = args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 400;
    const int Block = 2_000;
    double Time(Func<Exception> call)
    {
        long start = Stopwatch.GetTimestamp();
        for (int i = 0; i < Block; i++)
        {
            _ = call();
        }

        return Stopwatch.GetElapsedTime(start).TotalNanoseconds / Block;
    }

    Func<Exception> ours = bench.FromResponse, hand = bench.HandWritten, azure = bench.AzureCore;
    for (int warm = 0; warm < 50; warm++)
    {
        Time(ours);
        Time(hand);
        Time(azure);
    }

    var toHand = new List<double>();
    var toAzure = new List<double>();
    var oursTimes = new List<double>();
    for (int round = 0; round < rounds; round++)
    {
        // The order changes every round, so that neither side is always first after a collection.
        double o, h, a;
        if (round % 2 == 0)
        {
            o = Time(ours);
            h = Time(hand);
            a = Time(azure);
        }
        else
        {
            a = Time(azure);
            h = Time(hand);
            o = Time(ours);
        }

        oursTimes.Add(o);
        toHand.Add(o / h);
        toAzure.Add(a / o);
    }

    static double Quantile(List<double> values, double q)
    {
        var sorted = values.OrderBy(v => v).ToList();
        return sorted[(int)Math.Round(q * (sorted.Count - 1))];
    }

    Console.WriteLine($"{bench.Response}: ours {Quantile(oursTimes, 0.5):F0} ns; ours / hand-written median {Quantile(toHand, 0.5):F2} (quartiles {Quantile(toHand, 0.25):F2}-{Quantile(toHand, 0.75):F2}); Azure.Core / ours median {Quantile(toAzure, 0.5):F2} (quartiles {Quantile(toAzure, 0.25):F2}-{Quantile(toAzure, 0.75):F2}); {rounds} rounds of {Block} calls each");
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);

// The error-path case the second argument names (the cmfy.cloud 429 when none), set up as BenchmarkDotNet sets it up.
static ErrorPathBenchmarks CaseOf(string[] args)
{
    var bench = new ErrorPathBenchmarks { Response = Enum.Parse<ErrorPathBenchmarks.Case>(args.Length > 1 ? args[1] : "Cmfy429") };
    bench.Setup();
    return bench;
}
