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
                "message" => (object)bench.FromResponse().Message,
                _ => bench.FromResponse(),
            };
        }

        double perCall = (GC.GetAllocatedBytesForCurrentThread() - allocated) / (double)(count / 5);
        Console.WriteLine($"{bench.Response} {which}: {clock.Elapsed.TotalNanoseconds / (count / 5):F1} ns, {perCall:F0} B per call");
    }

    return;
}

// Or, to see what one case allocates, by type (the runtime's allocation samples, one per 100 KB, over a million calls):
//     bench/ErrorCodeGen.Benchmarks/bin/Release/net10.0/ErrorCodeGen.Benchmarks --allocations Cmfy429
if (args.Length >= 1 && args[0] == "--allocations")
{
    ErrorPathBenchmarks bench = CaseOf(args);
    using var samples = new AllocationSamples();
    for (int i = 0; i < 1_000_000; i++)
    {
        _ = bench.FromResponse();
    }

    foreach ((string type, long bytes) in samples.ByType())
    {
        Console.WriteLine($"{bytes / 1_000_000.0,8:F1} B per call  {type}");
    }

    return;
}

// Or, to compare ours with the hand-written parse in time with the machine's drift cancelled (not a BenchmarkDotNet
// figure): blocks of calls of two sides, alternated, and the median of the per-block ratios; ours against the hand-written
// parse, then ours against Azure.Core, never all three in one round (a block would pay for the collections another side's
// garbage causes). Blocks of 10,000 calls hold several collections each, so each side pays mostly for its own.
//   bench/ErrorCodeGen.Benchmarks/bin/Release/net10.0/ErrorCodeGen.Benchmarks --interleave Cmfy429 100
// With --floor after the rounds (cmfy 429 only), the model's floor and a reader written for this body too: ours ÷ each and
// Azure.Core ÷ each, paired alike.
if (args.Length >= 1 && args[0] == "--interleave")
{
    ErrorPathBenchmarks bench = CaseOf(args);
    int rounds = args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 100;
    const int Block = 10_000;

    // Per round, other ÷ ours, with the order reversed every other round. Two seconds of both first, so that every
    // method on either path is at its final tier (a block of tier-0 code is several times slower, and tiering waits for
    // the JIT to go quiet).
    (List<double> Ours, List<double> Ratios) Pair(Func<object> ours, Func<object> other)
    {
        (List<double> o, List<double> x) = PairedBlocks(ours, other, rounds, Block, warmSeconds: 2);
        return (o, o.Select((t, i) => x[i] / t).ToList());
    }

    // A reader below ours, paired with ours and with Azure.Core the same way.
    void Beside(string name, string label, Func<object> below)
    {
        (List<double> times, List<double> oursOver) = Pair(below, bench.FromResponse);
        (_, List<double> azureOver) = Pair(below, bench.AzureCore);
        Console.WriteLine($"{bench.Response}: {name} {Quantile(times, 0.5):F0} ns; ours / {label} median {Quantile(oursOver, 0.5):F2} (quartiles {Quantile(oursOver, 0.25):F2}-{Quantile(oursOver, 0.75):F2}); Azure.Core / {label} median {Quantile(azureOver, 0.5):F2} (quartiles {Quantile(azureOver, 0.25):F2}-{Quantile(azureOver, 0.75):F2})");
    }

    (List<double> oursTimes, List<double> hand) = Pair(bench.FromResponse, bench.HandWritten);
    (_, List<double> azure) = Pair(bench.FromResponse, bench.AzureCore);
    Console.WriteLine($"{bench.Response}: ours {Quantile(oursTimes, 0.5):F0} ns; hand-written / ours median {Quantile(hand, 0.5):F2} (quartiles {Quantile(hand, 0.25):F2}-{Quantile(hand, 0.75):F2}); Azure.Core / ours median {Quantile(azure, 0.5):F2} (quartiles {Quantile(azure, 0.25):F2}-{Quantile(azure, 0.75):F2}); {rounds} rounds of {Block} calls each side");
    if (bench.Response == ErrorPathBenchmarks.Case.Cmfy429 && args.Length > 3 && args[3] == "--floor")
    {
        // The model's floor (ErrorPathStageBenchmarks.ModelFloor) beside ours and beside Azure.Core, paired the same way:
        // how far below the path the floor is, and how much faster than Azure.Core even the floor is.
        var stages = new ErrorPathStageBenchmarks();
        stages.Setup();
        Beside("the model's floor", "floor", stages.ModelFloor);

        // And a reader written for this body alone (ErrorPathStageBenchmarks.WrittenForThisShape): what a reader specialised
        // per catalog could reach, beside ours and beside Azure.Core.
        Beside("a reader written for this body", "it", () => stages.WrittenForThisShape()!);
    }

    return;
}

// Or, to see what each stage of the cmfy.cloud 429 costs with the machine's drift spread evenly (not a BenchmarkDotNet
// figure): the stages of ErrorPathStageBenchmarks in turn, blocks of 10,000 calls each, and each stage's median block.
//   bench/ErrorCodeGen.Benchmarks/bin/Release/net10.0/ErrorCodeGen.Benchmarks --stages 40
if (args.Length >= 1 && args[0] == "--stages")
{
    int rounds = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 40;
    var stages = new ErrorPathStageBenchmarks();
    stages.Setup();
    (string Name, Func<object> Call)[] all =
    {
        ("FromResponse (whole path)", stages.Whole),
        ("Read: body and headers", stages.Read),
        ("Read: body only", stages.ReadBody),
        ("Read: headers only", stages.ReadHeaders),
        ("FromErrorResponse", stages.Classify),
        ("Headers: the facts alone", stages.HeaderScan),
        ("Encode: the body alone", () => stages.Encode()),
        ("Floor: JsonTokenReader", () => stages.TokenReaderFloor()),
        ("Floor: Utf8JsonReader", () => stages.ReaderFloor()),
        ("Floor: the model", stages.ModelFloor),
        ("Bound: written for this body", () => stages.WrittenForThisShape()!),
    };
    if (args.Length > 2)
    {
        // Only the stages whose names start with the third argument (to profile one).
        all = all.Where(a => a.Name.StartsWith(args[2], StringComparison.Ordinal)).ToArray();
    }

    var times = all.Select(_ => new List<double>()).ToArray();
    long warmUntil = Stopwatch.GetTimestamp() + (3 * Stopwatch.Frequency);
    for (int round = -1; round < rounds; round++)
    {
        for (int k = 0; k < all.Length; k++)
        {
            Func<object> call = all[k].Call;
            do
            {
                long start = Stopwatch.GetTimestamp();
                for (int i = 0; i < 10_000; i++)
                {
                    _ = call();
                }

                if (round >= 0)
                {
                    times[k].Add(Stopwatch.GetElapsedTime(start).TotalNanoseconds / 10_000);
                }
            }
            while (round < 0 && Stopwatch.GetTimestamp() < warmUntil);
        }
    }

    for (int k = 0; k < all.Length; k++)
    {
        List<double> sorted = times[k].OrderBy(t => t).ToList();
        Console.WriteLine($"{all[k].Name,-28} {sorted[sorted.Count / 2],8:F1} ns (quartiles {sorted[sorted.Count / 4]:F1}-{sorted[3 * sorted.Count / 4]:F1})");
    }

    return;
}

// Or, to see what the first error of a process costs for a generated catalog of N codes (JIT and static initialization,
// which BenchmarkDotNet's warmed-up runs leave out): the synthetic catalog is generated and compiled (Release) once, then
// each of K fresh processes loads it and times its first FromResponse; the median and range of the K.
// With "text" after the count, the codes are text (e10000, e10001, …), looked up among the text codes instead of by value.
//   bench/ErrorCodeGen.Benchmarks/bin/Release/net10.0/ErrorCodeGen.Benchmarks --first-call 10000 7 [text]
if (args.Length >= 2 && args[0] == "--first-call")
{
    int codes = int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture);
    int processes = args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 7;
    bool text = args.Length > 3 && args[3] == "text";
    string path = FirstCall.Compile(codes, text);
    var firsts = new List<double>();
    var seconds = new List<double>();
    for (int k = 0; k < processes; k++)
    {
        string line = RunChild($"--first-call-child \"{path}\" {(text ? "text" : "number")}");
        string[] parts = line.Split(' ');
        if (parts.Length != 2)
        {
            throw new InvalidOperationException("The child process printed no two times: " + line);
        }

        firsts.Add(double.Parse(parts[0], System.Globalization.CultureInfo.InvariantCulture));
        seconds.Add(double.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture));
    }

    firsts.Sort();
    seconds.Sort();
    Console.WriteLine($"{codes} {(text ? "text" : "numeric")} codes: first FromResponse of a process {firsts[firsts.Count / 2]:F1} ms (range {firsts[0]:F1}-{firsts[^1]:F1}), the second {seconds[seconds.Count / 2] * 1000:F0} µs; {processes} processes");
    return;
}

if (args.Length == 3 && args[0] == "--first-call-child")
{
    Console.WriteLine(FirstCall.Time(args[1], args[2] == "text"));
    return;
}

// Or, to profile the generator under perf over a synthetic catalog of N codes (fresh drivers, R runs; not a measurement):
//   bench/ErrorCodeGen.Benchmarks/bin/Release/net10.0/ErrorCodeGen.Benchmarks --profile-generator 10000 20
if (args.Length >= 2 && args[0] == "--profile-generator")
{
    int codes = int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture);
    int runs = args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 20;
    var large = new LargeCatalogBenchmarks { Codes = codes };
    large.Setup();
    for (int run = 0; run < runs; run++)
    {
        var clock = Stopwatch.StartNew();
        large.Run();
        Console.WriteLine($"{codes} codes: {clock.Elapsed.TotalMilliseconds:F1} ms");
    }

    return;
}

// Or, what a fresh driver over a synthetic catalog of N codes allocates, by type (the GC's allocation samples over R runs),
// and in all (GC.GetAllocatedBytesForCurrentThread; the driver runs the generator on this thread):
//   bench/ErrorCodeGen.Benchmarks/bin/Release/net10.0/ErrorCodeGen.Benchmarks --generator-allocations 10000 5
if (args.Length >= 2 && args[0] == "--generator-allocations")
{
    int codes = int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture);
    int runs = Math.Max(1, args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 5);
    var large = new LargeCatalogBenchmarks { Codes = codes };
    large.Setup();
    using var samples = new AllocationSamples();
    long before = GC.GetAllocatedBytesForCurrentThread();
    int[] collections = { GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2) };
    Microsoft.CodeAnalysis.GeneratorDriver? last = null;
    for (int run = 0; run < runs; run++)
    {
        last = large.Run();
    }

    Console.WriteLine($"{codes} codes: {(GC.GetAllocatedBytesForCurrentThread() - before) / (double)runs / 1e6:F1} MB per run on the driver's thread; "
        + $"collections per run: gen0 {(GC.CollectionCount(0) - collections[0]) / (double)runs:F1}, gen1 {(GC.CollectionCount(1) - collections[1]) / (double)runs:F1}, gen2 {(GC.CollectionCount(2) - collections[2]) / (double)runs:F1} (each counts the lower ones too)");
    // The files of the last measured run: another run here would add its allocations to the samples below.
    foreach (var source in last!.GetRunResult().Results.SelectMany(r => r.GeneratedSources))
    {
        Console.WriteLine($"{source.SourceText.Length / 1e6,8:F2} M characters  {source.HintName}");
    }

    foreach ((string type, long bytes) in samples.ByType().Take(25))
    {
        Console.WriteLine($"{bytes / (double)runs / 1e6,8:F1} MB per run  {type}");
    }

    return;
}

// Or, the first error of a fresh process on the cmfy 429, ours (the curated catalog) against the two peers: K processes
// each, alternated, each timing its one first call (JIT and type loading included), median and range, and how much of it
// the JIT took (JitInfo, on the calling thread: the methods it compiled for that call and its time).
//   bench/ErrorCodeGen.Benchmarks/bin/Release/net10.0/ErrorCodeGen.Benchmarks --first-call-peers 7
if (args.Length >= 1 && args[0] == "--first-call-peers")
{
    int processes = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 7;
    string[] sides = { "hand", "azure", "ours" };
    var times = sides.ToDictionary(side => side, _ => new List<double[]>());
    for (int k = 0; k < processes; k++)
    {
        foreach (string side in sides)
        {
            times[side].Add(RunChild("--first-call-peer " + side).Split(' ').Select(v => double.Parse(v, System.Globalization.CultureInfo.InvariantCulture)).ToArray());
        }
    }

    static double Median(IEnumerable<double> values)
    {
        List<double> sorted = values.OrderBy(t => t).ToList();
        return sorted[sorted.Count / 2];
    }

    foreach (string side in sides)
    {
        List<double> sorted = times[side].Select(t => t[0]).OrderBy(t => t).ToList();
        Console.WriteLine($"first cmfy 429 of a process, {side}: {sorted[sorted.Count / 2]:F1} ms (range {sorted[0]:F1}-{sorted[^1]:F1}); JIT {Median(times[side].Select(t => t[1])):F1} ms for {Median(times[side].Select(t => t[2])):F0} methods; {processes} processes");
    }

    return;
}

if (args.Length == 2 && args[0] == "--first-call-peer")
{
    // Not ErrorPathBenchmarks.Setup: it calls FromResponse to check it, and here each side's first call must be its first.
    (int status, string reason, string body, (string Name, string Value)[] headers) = ErrorPathBenchmarks.Sample(ErrorPathBenchmarks.Case.Cmfy429);
    var list = headers.Select(h => new KeyValuePair<string, IEnumerable<string>>(h.Name, new[] { h.Value })).ToList();
    var azure = new BenchResponse(status, reason, System.Text.Encoding.UTF8.GetBytes(body), headers);
    TimeSpan jitBefore = System.Runtime.JitInfo.GetCompilationTime(currentThread: true);
    long methodsBefore = System.Runtime.JitInfo.GetCompiledMethodCount(currentThread: true);
    long start = Stopwatch.GetTimestamp();
    Exception first = args[1] switch
    {
        "hand" => HandWrittenParser.FromResponse(ErrorPathBenchmarks.Case.Cmfy429, status, body, list),
        "azure" => new Azure.RequestFailedException(azure),
        _ => CmfyCloudErrors.FromResponse(status, body, list),
    };
    double ms = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
    double jitMs = (System.Runtime.JitInfo.GetCompilationTime(currentThread: true) - jitBefore).TotalMilliseconds;
    long methods = System.Runtime.JitInfo.GetCompiledMethodCount(currentThread: true) - methodsBefore;
    GC.KeepAlive(first);
    Console.WriteLine(string.Join(" ", new[] { ms, jitMs, methods }.Select(v => v.ToString("F3", System.Globalization.CultureInfo.InvariantCulture))));
    return;
}

// Or, to compare this build with another in one process (two builds timed in separate processes differ by more than
// most changes on a noisy machine): the other build's bench assembly, with its own copies of the runtime and the
// generator, is loaded into an AssemblyLoadContext of its own, and the same call of each build is timed in alternating
// blocks, the order reversed every other round. Prints this build's median time and its ratio to the other's per round.
// Both builds share one garbage collector: a change in what one allocates moves the collections of both, so this
// compares code, not allocation (for that, --generator-allocations and separate processes). Run a build against itself
// first: the median ratio of such an A/A run is this machine's resolution.
//   bench/ErrorCodeGen.Benchmarks/bin/ab/ErrorCodeGen.Benchmarks --ab <other build's output folder> cmfy 40
//   bench/ErrorCodeGen.Benchmarks/bin/ab/ErrorCodeGen.Benchmarks --ab <other build's output folder> generator 10000 10
//   bench/ErrorCodeGen.Benchmarks/bin/ab/ErrorCodeGen.Benchmarks --ab <other build's output folder> http FromResponseAsyncTwice 40
//     (any method of HttpResponseBenchmarks without parameters; a task it returns is waited for)
if (args.Length >= 3 && args[0] == "--ab")
{
    var other = new OtherBuild(args[1]);
    bool generator = args[2] == "generator";
    bool http = args[2] == "http";
    bool named = generator || http;
    int codes = generator && args.Length > 3 ? int.Parse(args[3], System.Globalization.CultureInfo.InvariantCulture) : 0;
    int rounds = int.Parse(args.Length > (named ? 4 : 3) ? args[named ? 4 : 3] : (generator ? "10" : "40"), System.Globalization.CultureInfo.InvariantCulture);
    (Func<object> Mine, Func<object> Theirs, int Block) pair;
    if (http)
    {
        static Func<object> Waited(Func<object> call) => () =>
        {
            object result = call();
            (result as Task)?.GetAwaiter().GetResult();
            return result;
        };

        var mine = new HttpResponseBenchmarks();
        mine.Setup();
        object theirs = other.Create(typeof(HttpResponseBenchmarks).FullName!);
        pair = (Waited(OtherBuild.Method(mine, args[3])), Waited(OtherBuild.Method(theirs, args[3])), 2_000);
    }
    else if (generator)
    {
        var large = new LargeCatalogBenchmarks { Codes = codes };
        large.Setup();
        object theirs = other.Create(typeof(LargeCatalogBenchmarks).FullName!, ("Codes", codes));
        pair = (OtherBuild.Method(large, "Run"), OtherBuild.Method(theirs, "Run"), Math.Max(1, 200_000 / Math.Max(codes, 1)));
    }
    else
    {
        ErrorPathBenchmarks mine = CaseOf(new[] { "--ab", "Cmfy429" });
        object theirs = other.Create(typeof(ErrorPathBenchmarks).FullName!, ("Response", Enum.Parse(other.TypeOf(typeof(ErrorPathBenchmarks.Case).FullName!), "Cmfy429")));
        pair = (OtherBuild.Method(mine, "FromResponse"), OtherBuild.Method(theirs, "FromResponse"), 10_000);
    }

    (List<double> mineTimes, List<double> theirTimes) = PairedBlocks(pair.Mine, pair.Theirs, rounds, pair.Block, warmSeconds: 3);
    List<double> ratios = mineTimes.Select((t, i) => t / theirTimes[i]).ToList();
    string unit = generator ? "ms" : "ns";
    double scale = generator ? 1e-6 : 1;
    Console.WriteLine($"{args[2]}{(generator ? " " + codes : http ? " " + args[3] : string.Empty)}: this build {Quantile(mineTimes, 0.5) * scale:F1} {unit}; this / other median {Quantile(ratios, 0.5):F3} (quartiles {Quantile(ratios, 0.25):F3}-{Quantile(ratios, 0.75):F3}); {rounds} rounds of {pair.Block} calls each side");
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);

// Two calls timed in blocks of `block` calls each, `rounds` times, the order reversed every other round, after
// `warmSeconds` of both: the nanoseconds per call of each side, round by round (--interleave and --ab).
static (List<double> First, List<double> Second) PairedBlocks(Func<object> first, Func<object> second, int rounds, int block, int warmSeconds)
{
    double Time(Func<object> call)
    {
        long start = Stopwatch.GetTimestamp();
        for (int i = 0; i < block; i++)
        {
            _ = call();
        }

        return Stopwatch.GetElapsedTime(start).TotalNanoseconds / block;
    }

    long warmUntil = Stopwatch.GetTimestamp() + (warmSeconds * Stopwatch.Frequency);
    while (Stopwatch.GetTimestamp() < warmUntil)
    {
        Time(first);
        Time(second);
    }

    var firstTimes = new List<double>();
    var secondTimes = new List<double>();
    for (int round = 0; round < rounds; round++)
    {
        if (round % 2 == 0)
        {
            firstTimes.Add(Time(first));
            secondTimes.Add(Time(second));
        }
        else
        {
            secondTimes.Add(Time(second));
            firstTimes.Add(Time(first));
        }
    }

    return (firstTimes, secondTimes);
}

// The value at quantile q of the values (0.5 the median), by rank.
static double Quantile(List<double> values, double q)
{
    var sorted = values.OrderBy(v => v).ToList();
    return sorted[(int)Math.Round(q * (sorted.Count - 1))];
}

// This program again, in a fresh process, with these arguments: what it printed; a failure is an exception.
static string RunChild(string arguments)
{
    var start = new ProcessStartInfo(Environment.ProcessPath!, arguments) { RedirectStandardOutput = true };
    using Process child = Process.Start(start)!;
    string line = child.StandardOutput.ReadToEnd().Trim();
    child.WaitForExit();
    if (child.ExitCode != 0)
    {
        throw new InvalidOperationException("The child process (" + arguments + ") failed: " + line);
    }

    return line;
}

// The error-path case the second argument names (the cmfy.cloud 429 when none), set up as BenchmarkDotNet sets it up.
static ErrorPathBenchmarks CaseOf(string[] args)
{
    var bench = new ErrorPathBenchmarks { Response = Enum.Parse<ErrorPathBenchmarks.Case>(args.Length > 1 ? args[1] : "Cmfy429") };
    bench.Setup();
    return bench;
}

/// <summary>The GC's allocation samples (AllocationTick: one event per 100 KB allocated, with the type that crossed it), summed by type.</summary>
internal sealed class AllocationSamples : System.Diagnostics.Tracing.EventListener
{
    private readonly Dictionary<string, long> _bytes = new();

    protected override void OnEventSourceCreated(System.Diagnostics.Tracing.EventSource source)
    {
        if (source.Name == "Microsoft-Windows-DotNETRuntime")
        {
            // The GC keyword at the verbose level.
            EnableEvents(source, System.Diagnostics.Tracing.EventLevel.Verbose, (System.Diagnostics.Tracing.EventKeywords)0x1);
        }
    }

    protected override void OnEventWritten(System.Diagnostics.Tracing.EventWrittenEventArgs e)
    {
        if (e.EventName is not null && e.EventName.StartsWith("GCAllocationTick", StringComparison.Ordinal) && e.Payload is { } payload)
        {
            int name = e.PayloadNames!.IndexOf("TypeName");
            int amount = e.PayloadNames.IndexOf("AllocationAmount64");
            string type = name >= 0 ? payload[name]?.ToString() ?? "?" : "?";
            int kind = e.PayloadNames.IndexOf("AllocationKind");
            if (kind >= 0 && Convert.ToInt32(payload[kind], System.Globalization.CultureInfo.InvariantCulture) == 1)
            {
                // The large-object heap: what makes the GC collect every generation when its budget is spent.
                type += " (large-object heap)";
            }

            long bytes = amount >= 0 ? Convert.ToInt64(payload[amount], System.Globalization.CultureInfo.InvariantCulture) : 0;
            lock (_bytes)
            {
                _bytes[type] = _bytes.GetValueOrDefault(type) + bytes;
            }
        }
    }

    public IEnumerable<(string Type, long Bytes)> ByType()
    {
        lock (_bytes)
        {
            return _bytes.OrderByDescending(p => p.Value).Select(p => (p.Key, p.Value)).ToList();
        }
    }
}

/// <summary>The generated catalog of <c>--first-call</c>, and the timing of its first error in a fresh process.</summary>
internal static class FirstCall
{
    public static string Compile(int codes, bool text)
    {
        string yaml = ErrorCodeGen.Testing.SyntheticCatalog.Yaml(codes);
        if (text)
        {
            yaml = System.Text.RegularExpressions.Regex.Replace(yaml, "(?m)^  - code: ([0-9]+)$", "  - code: e$1");
        }

        var catalog = new[] { (Microsoft.CodeAnalysis.AdditionalText)new GeneratorBench.FileText("/bench/large.errors.yaml", yaml) };
        Microsoft.CodeAnalysis.CSharp.CSharpCompilation compilation = GeneratorBench.Compilation()
            .WithAssemblyName("FirstCall" + codes.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .WithOptions(new Microsoft.CodeAnalysis.CSharp.CSharpCompilationOptions(Microsoft.CodeAnalysis.OutputKind.DynamicallyLinkedLibrary, optimizationLevel: Microsoft.CodeAnalysis.OptimizationLevel.Release));
        GeneratorBench.Driver(catalog).RunGeneratorsAndUpdateCompilation(compilation, out Microsoft.CodeAnalysis.Compilation output, out _);
        string path = Path.Combine(Path.GetTempPath(), "ecg-first-call-" + codes.ToString(System.Globalization.CultureInfo.InvariantCulture) + (text ? "-text" : string.Empty) + ".dll");
        using (FileStream file = File.Create(path))
        {
            Microsoft.CodeAnalysis.Emit.EmitResult emit = output.Emit(file);
            if (!emit.Success)
            {
                throw new InvalidOperationException(string.Join("; ", emit.Diagnostics.Take(5)));
            }
        }

        return path;
    }

    /// <summary>The first and the second FromResponse of this process, in milliseconds; the code must be found.</summary>
    public static string Time(string path, bool text)
    {
        System.Reflection.Assembly assembly = System.Reflection.Assembly.LoadFrom(path);
        Type errors = assembly.GetTypes().Single(t => t.Name == "LargeErrors");
        System.Reflection.MethodInfo from = errors.GetMethods().Single(m => m.Name == "FromResponse" && m.GetParameters().Length == 3 && m.GetParameters()[1].ParameterType == typeof(string));
        // A delegate, not MethodInfo.Invoke: reflection compiles an invoker of its own on the second call.
        var call = (Func<int, string, IEnumerable<KeyValuePair<string, IEnumerable<string>>>?, ErrorCodeGen.ApiErrorException>)Delegate.CreateDelegate(
            typeof(Func<int, string, IEnumerable<KeyValuePair<string, IEnumerable<string>>>?, ErrorCodeGen.ApiErrorException>), from);
        double Call(int code)
        {
            string body = "{\"errors\":[{\"code\":\"" + (text ? "e" : string.Empty) + code.ToString(System.Globalization.CultureInfo.InvariantCulture) + "\",\"message\":\"m\"}]}";
            long start = Stopwatch.GetTimestamp();
            ErrorCodeGen.ApiErrorException error = call(400, body, null);
            double ms = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            if (error.Descriptor is null)
            {
                throw new InvalidOperationException("The code was not found: nothing would be measured.");
            }

            return ms;
        }

        double first = Call(10_005);
        double second = Call(10_007);
        return first.ToString("F3", System.Globalization.CultureInfo.InvariantCulture) + " " + second.ToString("F3", System.Globalization.CultureInfo.InvariantCulture);
    }
}


/// <summary>Another build of this bench, loaded with its own copies of every assembly beside it (--ab).</summary>
internal sealed class OtherBuild : System.Runtime.Loader.AssemblyLoadContext
{
    private readonly string _folder;
    private readonly System.Reflection.Assembly _bench;

    public OtherBuild(string folder)
        : base("other build", isCollectible: false)
    {
        _folder = Path.GetFullPath(folder);
        _bench = LoadFromAssemblyPath(Path.Combine(_folder, "ErrorCodeGen.Benchmarks.dll"));
    }

    protected override System.Reflection.Assembly? Load(System.Reflection.AssemblyName name)
    {
        string path = Path.Combine(_folder, name.Name + ".dll");
        return File.Exists(path) ? LoadFromAssemblyPath(path) : null;
    }

    public Type TypeOf(string fullName) => _bench.GetType(fullName, throwOnError: true)!;

    /// <summary>An instance of the other build's type, its properties set, and its [GlobalSetup] method run.</summary>
    public object Create(string fullName, params (string Property, object Value)[] properties)
    {
        Type type = TypeOf(fullName);
        object instance = Activator.CreateInstance(type)!;
        foreach ((string property, object value) in properties)
        {
            type.GetProperty(property)!.SetValue(instance, value);
        }

        type.GetMethod("Setup")!.Invoke(instance, null);
        return instance;
    }

    /// <summary>A delegate bound to an instance method without parameters (of either build), called as directly as a method group.</summary>
    public static Func<object> Method(object instance, string name)
        => (Func<object>)Delegate.CreateDelegate(typeof(Func<object>), instance, instance.GetType().GetMethod(name, Type.EmptyTypes)!);
}
