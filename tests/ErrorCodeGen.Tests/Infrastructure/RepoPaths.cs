using System;
using System.IO;
using NUnit.Framework;

namespace ErrorCodeGen.Tests.Infrastructure;

/// <summary>Paths in the repository and in the shared folder beside it.</summary>
internal static class RepoPaths
{
    private static readonly Lazy<string> s_root = new(() =>
    {
        string? dir = AppContext.BaseDirectory;
        while (dir != null)
        {
            if (File.Exists(Path.Combine(dir, "ErrorCodeGen.sln")))
            {
                return dir;
            }

            dir = Path.GetDirectoryName(dir);
        }

        throw new InvalidOperationException("ErrorCodeGen.sln not found above " + AppContext.BaseDirectory);
    });

    public static string Root => s_root.Value;

    public static string Catalog(string fileName) => Path.Combine(Root, "catalog", fileName);

    /// <summary>Set (to 1) by <c>.ci/run</c>: a missing seed folder fails the tests that read it instead of skipping them.</summary>
    public const string RequireSeedsVariable = "ECG_REQUIRE_SEEDS";

    /// <summary>
    /// The vendor page the catalogs are transcribed from, in <c>../shared/seeds</c> beside the repository. A clone without
    /// that folder skips the test (<see cref="Assert.Ignore(string)"/>), unless <see cref="RequireSeedsVariable"/> is 1;
    /// a folder that is there but lacks the page always fails.
    /// </summary>
    public static string Seed(string fileName)
    {
        string folder = Path.GetFullPath(Path.Combine(Root, "..", "shared", "seeds"));
        string path = Path.Combine(folder, fileName);
        if (!Directory.Exists(folder))
        {
            string message = $"The vendor pages are expected in {folder} (../shared/seeds beside the repository), which does not exist.";
            if (Environment.GetEnvironmentVariable(RequireSeedsVariable) == "1")
            {
                Assert.Fail(message + $" {RequireSeedsVariable}=1 requires them.");
            }

            Assert.Ignore(message);
        }

        Assert.That(path, Does.Exist, $"The seed folder {folder} has no {fileName}.");
        return path;
    }

    public static readonly string[] CuratedCatalogs =
    {
        "runcomfy-trainer.errors.yaml",
        "runcomfy-serverless.errors.yaml",
        "runware.errors.yaml",
        "cmfy-cloud.errors.yaml",
        "flow.errors.yaml",
    };
}
