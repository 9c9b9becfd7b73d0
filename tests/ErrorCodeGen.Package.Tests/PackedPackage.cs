using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.IO.Compression;
using System.Threading.Tasks;
using ErrorCodeGen.Package.Tests.Infrastructure;
using ErrorCodeGen.Tests.Infrastructure;
using NUnit.Framework;

namespace ErrorCodeGen.Package.Tests;

/// <summary>
/// Packs the ErrorCodeGen package once for every test in this assembly: a fresh prerelease version into a folder feed
/// in a temporary directory, built with its own artifacts folder so the repository's bin/ and obj/ are not touched.
/// Consumers restore with their own NUGET_PACKAGES folder there, so no package from an earlier run can be used.
/// Set <c>ECG_KEEP_TEMP=1</c> to keep the folder for a look after the run.
/// </summary>
[SetUpFixture]
public sealed class PackedPackage
{
    public const string PackageId = "ErrorCodeGen";

    private static string? s_root;
    private static string? s_version;

    /// <summary>The temporary folder of this run: feed/, packages/, extracted/ and one folder per consumer.</summary>
    public static string Root => s_root ?? throw new InvalidOperationException("The package has not been packed.");

    public static string Version => s_version ?? throw new InvalidOperationException("The package has not been packed.");

    public static string FeedDirectory => Path.Combine(Root, "feed");

    /// <summary>NUGET_PACKAGES of every consumer: empty at the start of the run.</summary>
    public static string PackagesDirectory => Path.Combine(Root, "packages");

    /// <summary>The .nupkg, unzipped.</summary>
    public static string ExtractedDirectory => Path.Combine(Root, "extracted");

    public static string NupkgPath => Path.Combine(FeedDirectory, $"{PackageId}.{Version}.nupkg");

    public static string SnupkgPath => Path.Combine(FeedDirectory, $"{PackageId}.{Version}.snupkg");

    /// <summary>The environment every consumer command runs with.</summary>
    public static IReadOnlyDictionary<string, string> ConsumerEnvironment => new Dictionary<string, string>
    {
        ["NUGET_PACKAGES"] = PackagesDirectory,
    };

    [OneTimeSetUp]
    public async Task PackAsync()
    {
        s_version = "0.1.0-it." + DateTime.UtcNow.Ticks.ToString(CultureInfo.InvariantCulture);
        s_root = Path.Combine(Path.GetTempPath(), "ecg-package-tests-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(FeedDirectory);
        Directory.CreateDirectory(PackagesDirectory);

        string project = Path.Combine(RepoPaths.Root, "runtime", "ErrorCodeGen.Runtime", "ErrorCodeGen.Runtime.csproj");
        DotnetResult pack = await DotnetCli.RunAsync(Root, new[]
        {
            "pack", project, "-c", "Release", "-o", FeedDirectory,
            "-p:Version=" + Version,
            "-p:UseArtifactsOutput=true", "-p:ArtifactsPath=" + Path.Combine(Root, "artifacts") + Path.DirectorySeparatorChar,
            "-nologo", "-v:q", "-clp:NoSummary",
        });
        TestContext.Progress.WriteLine($"Packed {PackageId} {Version} in {pack.Elapsed.TotalSeconds:0.0}s into {FeedDirectory}");
        Assert.That(pack.Succeeded, Is.True, pack.ToString());

        ZipFile.ExtractToDirectory(NupkgPath, ExtractedDirectory);
    }

    [OneTimeTearDown]
    public void DeleteTemporaryFolder()
    {
        if (s_root is null || Environment.GetEnvironmentVariable("ECG_KEEP_TEMP") == "1")
        {
            return;
        }

        try
        {
            Directory.Delete(s_root, recursive: true);
        }
        catch (IOException e)
        {
            TestContext.Progress.WriteLine($"Could not delete {s_root}: {e.Message}");
        }
    }
}
