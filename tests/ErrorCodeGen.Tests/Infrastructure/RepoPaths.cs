using System;
using System.IO;

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

    /// <summary>The vendor pages the catalogs are transcribed from (<c>../shared/seeds</c>).</summary>
    public static string Seed(string fileName)
    {
        string path = Path.GetFullPath(Path.Combine(Root, "..", "shared", "seeds", fileName));
        if (!File.Exists(path))
        {
            throw new FileNotFoundException("The seed pages are expected in ../shared/seeds beside the repository.", path);
        }

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
