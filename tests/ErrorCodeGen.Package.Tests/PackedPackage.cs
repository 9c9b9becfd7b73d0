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
/// Packs the solution once for every test in this assembly, as the README says (<c>dotnet pack ErrorCodeGen.sln -o</c>):
/// a fresh prerelease version of both packages into a folder feed in a temporary directory, built with its own
/// artifacts folder so the repository's bin/ and obj/ are not touched. Consumers restore with their own NUGET_PACKAGES
/// folder there, so no package from an earlier run can be used. Set <c>ECG_KEEP_TEMP=1</c> to keep the folder for a
/// look after the run.
/// </summary>
[SetUpFixture]
public sealed class PackedPackage
{
    /// <summary>The development-time package the SDK author references: generator, build files, catalogs.</summary>
    public const string PackageId = "ErrorCodeGen";

    /// <summary>The runtime library, the only package an SDK's users get.</summary>
    public const string RuntimePackageId = "ErrorCodeGen.Runtime";

    /// <summary>The Polly v8 adapter.</summary>
    public const string PollyPackageId = "ErrorCodeGen.Polly";

    private static string? s_root;
    private static string? s_version;

    /// <summary>The temporary folder of this run: feed/, packages/, extracted/ and one folder per consumer.</summary>
    public static string Root => s_root ?? throw new InvalidOperationException("The packages have not been packed.");

    /// <summary>The version of both packages.</summary>
    public static string Version => s_version ?? throw new InvalidOperationException("The packages have not been packed.");

    public static string FeedDirectory => Path.Combine(Root, "feed");

    /// <summary>NUGET_PACKAGES of every consumer: empty at the start of the run.</summary>
    public static string PackagesDirectory => Path.Combine(Root, "packages");

    /// <summary>The ErrorCodeGen .nupkg, unzipped.</summary>
    public static string ExtractedDirectory => ExtractedDirectoryOf(PackageId);

    /// <summary>The ErrorCodeGen.Runtime .nupkg, unzipped.</summary>
    public static string RuntimeExtractedDirectory => ExtractedDirectoryOf(RuntimePackageId);

    public static string NupkgPath(string id) => Path.Combine(FeedDirectory, $"{id}.{Version}.nupkg");

    public static string SnupkgPath(string id) => Path.Combine(FeedDirectory, $"{id}.{Version}.snupkg");

    /// <summary>The environment every consumer command runs with.</summary>
    public static IReadOnlyDictionary<string, string> ConsumerEnvironment => new Dictionary<string, string>
    {
        ["NUGET_PACKAGES"] = PackagesDirectory,
    };

    private static string ExtractedDirectoryOf(string id) => Path.Combine(Root, "extracted", id);

    [OneTimeSetUp]
    public async Task PackAsync()
    {
        s_version = "0.1.0-it." + DateTime.UtcNow.Ticks.ToString(CultureInfo.InvariantCulture);
        s_root = Path.Combine(Path.GetTempPath(), "ecg-package-tests-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(FeedDirectory);
        Directory.CreateDirectory(PackagesDirectory);

        DotnetResult pack = await DotnetCli.RunAsync(Root, new[]
        {
            "pack", Path.Combine(RepoPaths.Root, "ErrorCodeGen.sln"), "-c", "Release", "-o", FeedDirectory,
            "-p:Version=" + Version,
            "-p:UseArtifactsOutput=true", "-p:ArtifactsPath=" + Path.Combine(Root, "artifacts") + Path.DirectorySeparatorChar,
            "-nologo", "-v:q", "-clp:NoSummary",
        });
        TestContext.Progress.WriteLine($"Packed {PackageId} and {RuntimePackageId} {Version} in {pack.Elapsed.TotalSeconds:0.0}s into {FeedDirectory}");
        Assert.That(pack.Succeeded, Is.True, pack.ToString());

        foreach (string id in new[] { PackageId, RuntimePackageId })
        {
            ZipFile.ExtractToDirectory(NupkgPath(id), ExtractedDirectoryOf(id));
        }
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
