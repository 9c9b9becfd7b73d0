using System;
using System.Collections;
using System.Collections.Generic;
using System.Diagnostics;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace ErrorCodeGen.Package.Tests.Infrastructure;

/// <summary>What one <c>dotnet</c> command did.</summary>
internal sealed record DotnetResult(string CommandLine, int ExitCode, string StandardOutput, string StandardError, TimeSpan Elapsed)
{
    public bool Succeeded => ExitCode == 0;

    /// <summary>Both streams, for assertions on what MSBuild or the program printed.</summary>
    public string Output => StandardOutput + StandardError;

    /// <summary>The command and everything it printed, for an assertion message.</summary>
    public override string ToString()
        => $"`{CommandLine}` exited with {ExitCode} after {Elapsed.TotalSeconds:0.0}s{Environment.NewLine}{Output}";
}

/// <summary>
/// Runs the real <c>dotnet</c> CLI as a user would, with the environment pinned down: no telemetry or banners, no
/// MSBuild node left running after the command, no MSBuild settings inherited from the <c>dotnet test</c> that runs
/// these tests, and a timeout after which the command and its children are ended.
/// </summary>
internal static class DotnetCli
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromMinutes(5);

    /// <summary>The same dotnet that runs the tests (the SDK sets DOTNET_HOST_PATH for its child processes).</summary>
    private static string DotnetPath => Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } path ? path : "dotnet";

    public static Task<DotnetResult> RunAsync(
        string workingDirectory,
        IEnumerable<string> arguments,
        IReadOnlyDictionary<string, string>? environment = null,
        TimeSpan? timeout = null)
        => Task.Run(() => Run(workingDirectory, arguments, environment, timeout ?? DefaultTimeout));

    private static DotnetResult Run(string workingDirectory, IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(DotnetPath)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (string name in InheritedBuildVariables())
        {
            start.Environment.Remove(name);
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1";
        start.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        start.Environment["DOTNET_CLI_UI_LANGUAGE"] = "en";
        if (environment != null)
        {
            foreach (var (name, value) in environment)
            {
                start.Environment[name] = value;
            }
        }

        string commandLine = "dotnet " + string.Join(' ', start.ArgumentList);
        var stdout = new StringBuilder();
        var stderr = new StringBuilder();
        using var stdoutClosed = new ManualResetEventSlim();
        using var stderrClosed = new ManualResetEventSlim();
        var clock = Stopwatch.StartNew();

        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => Append(stdout, e.Data, stdoutClosed);
        process.ErrorDataReceived += (_, e) => Append(stderr, e.Data, stderrClosed);
        process.Start();
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit(TimeSpan.FromSeconds(30));
            throw new TimeoutException($"`{commandLine}` did not finish within {timeout.TotalMinutes} minutes.{Environment.NewLine}{stdout}{stderr}");
        }

        // A server process the command started (the compiler server) may hold the pipes open; don't wait on it.
        stdoutClosed.Wait(TimeSpan.FromSeconds(10));
        stderrClosed.Wait(TimeSpan.FromSeconds(10));
        lock (stdout)
        {
            lock (stderr)
            {
                return new DotnetResult(commandLine, process.ExitCode, stdout.ToString(), stderr.ToString(), clock.Elapsed);
            }
        }
    }

    private static void Append(StringBuilder buffer, string? line, ManualResetEventSlim closed)
    {
        if (line is null)
        {
            closed.Set();
            return;
        }

        lock (buffer)
        {
            buffer.AppendLine(line);
        }
    }

    /// <summary>Variables MSBuild sets for the test run (SDK paths, node settings) that must not leak into a fresh build.</summary>
    private static IEnumerable<string> InheritedBuildVariables()
    {
        foreach (DictionaryEntry entry in Environment.GetEnvironmentVariables())
        {
            string name = (string)entry.Key;
            if (name.StartsWith("MSBUILD", StringComparison.OrdinalIgnoreCase) || name.StartsWith("VSTEST", StringComparison.OrdinalIgnoreCase))
            {
                yield return name;
            }
        }
    }
}
