using BenchmarkDotNet.Running;

// dotnet run -c Release --project bench/ErrorCodeGen.Benchmarks -- --filter '*'
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
