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
    var bench = new ErrorPathBenchmarks { Response = Enum.Parse<ErrorPathBenchmarks.Case>(args.Length > 1 ? args[1] : "Cmfy429") };
    bench.Setup();
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

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
