using System;
using System.IO;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using NUnit.Framework;

namespace ErrorCodeGen.Tests.Infrastructure;

/// <summary>
/// Snapshot assertions with Verify's file conventions: the expected text lives in
/// <c>{TestClass}.{TestMethod}#{part}.verified.cs</c> beside the test; on a mismatch the actual text is written to the
/// matching <c>.received.cs</c> and the test fails. Set <c>ECG_ACCEPT_SNAPSHOTS=1</c> to accept received text
/// (never set in CI). The generator's version is scrubbed so a version bump does not churn snapshots.
/// </summary>
internal static partial class Snapshot
{
    public const string AcceptVariable = "ECG_ACCEPT_SNAPSHOTS";

    public static void Verify(string actual, string part, [CallerFilePath] string testFile = "", [CallerMemberName] string testMethod = "")
    {
        // CallerFilePath is "/_/..." in a deterministic CI build (path mapping), so resolve the test's folder
        // from the repository root instead of trusting it.
        string directory = SourceDirectory(testFile);
        string testClass = Path.GetFileNameWithoutExtension(testFile.Replace('\\', '/').Split('/')[^1]);
        string stem = Path.Combine(directory, "Snapshots", testClass + "." + testMethod + "#" + part);
        string verifiedPath = stem + ".verified.cs";
        string receivedPath = stem + ".received.cs";
        Compare(Scrub(actual), verifiedPath, receivedPath, (expected, differences) => expected is null
            ? $"No snapshot yet: review {receivedPath} and rename it to .verified.cs (or run with {AcceptVariable}=1)."
            : $"Snapshot differs from {verifiedPath} {differences}; the actual text is in {receivedPath}.");
    }

    /// <summary>
    /// The same conventions for an approved text file at <paramref name="approvedPath"/> (such as
    /// <c>PublicAPI.approved.txt</c>): on a mismatch the actual text goes to the <c>.received.txt</c> beside it.
    /// </summary>
    public static void VerifyApproved(string actual, string approvedPath)
    {
        string receivedPath = approvedPath.Replace(".approved.txt", ".received.txt", StringComparison.Ordinal);
        Compare(Normalize(actual), approvedPath, receivedPath, (expected, differences) => expected is null
            ? $"No approved file yet: review {receivedPath} and rename it to .approved.txt (or run with {AcceptVariable}=1)."
            : $"The public API differs from {approvedPath} {differences}; the actual surface is in {receivedPath}. "
              + "Approve the change only if it is deliberate (and binary compatible, or announced).");
    }

    /// <summary>Passes when <paramref name="actual"/> is the expected file's text; else accepts it or writes it to <paramref name="receivedPath"/> and fails.</summary>
    private static void Compare(string actual, string expectedPath, string receivedPath, Func<string?, string, string> failure)
    {
        bool accept = Environment.GetEnvironmentVariable(AcceptVariable) == "1" && Environment.GetEnvironmentVariable("CI") != "true";
        string? expected = File.Exists(expectedPath) ? Normalize(File.ReadAllText(expectedPath)) : null;
        if (expected == actual)
        {
            File.Delete(receivedPath);
            return;
        }

        Directory.CreateDirectory(Path.GetDirectoryName(expectedPath)!);
        if (accept)
        {
            File.WriteAllText(expectedPath, actual);
            File.Delete(receivedPath);
            return;
        }

        File.WriteAllText(receivedPath, actual);
        Assert.Fail(failure(expected, expected is null ? string.Empty : FirstDifference(expected, actual)));
    }

    private static string SourceDirectory(string testFile)
    {
        string normalized = testFile.Replace('\\', '/');
        const string marker = "tests/ErrorCodeGen.Tests/";
        int at = normalized.LastIndexOf(marker, StringComparison.Ordinal);
        string relative = at >= 0 ? normalized[(at + marker.Length)..] : Path.GetFileName(normalized);
        string? folder = Path.GetDirectoryName(relative);
        return Path.Combine(RepoPaths.Root, "tests", "ErrorCodeGen.Tests", folder ?? string.Empty);
    }

    internal static string Scrub(string text)
        => VersionPattern().Replace(Normalize(text), "GeneratedCode(\"ErrorCodeGen\", \"{version}\")");

    private static string Normalize(string text) => text.Replace("\r\n", "\n").TrimStart('\uFEFF');

    private static string FirstDifference(string expected, string actual)
    {
        string[] e = expected.Split('\n');
        string[] a = actual.Split('\n');
        for (int i = 0; i < Math.Max(e.Length, a.Length); i++)
        {
            string el = i < e.Length ? e[i] : "<end of file>";
            string al = i < a.Length ? a[i] : "<end of file>";
            if (el != al)
            {
                return $"at line {i + 1}:\n  expected: {el}\n  actual:   {al}\n";
            }
        }

        return string.Empty;
    }

    [GeneratedRegex("GeneratedCode\\(\"ErrorCodeGen\", \"[^\"]*\"\\)")]
    private static partial Regex VersionPattern();
}
