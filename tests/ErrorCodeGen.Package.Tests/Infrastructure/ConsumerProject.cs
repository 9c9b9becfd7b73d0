using System.Linq;
using System;
using System.Collections.Generic;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace ErrorCodeGen.Package.Tests.Infrastructure;

/// <summary>
/// A throwaway project folder that consumes the packed packages: its files, a nuget.config that adds the run's folder
/// feed (and its own) to the default sources, and the CLI commands a user would type, run with the run's own NUGET_PACKAGES.
/// </summary>
internal sealed class ConsumerProject
{
    private const string LocalFeedName = "local-feed";

    /// <summary>Builds at once: one per core, so parallel restores and compilers don't starve each other.</summary>
    private static readonly SemaphoreSlim s_buildSlots = new(Math.Max(1, Environment.ProcessorCount));

    private ConsumerProject(string directory) => Directory = directory;

    public string Directory { get; }

    /// <summary>Where <see cref="PackAsync"/> puts packages; a package source of this consumer.</summary>
    public string LocalFeedDirectory => Path.Combine(Directory, LocalFeedName);

    /// <summary>
    /// Writes <paramref name="files"/> (relative path → content) into a new folder of the run. The folder's own feed,
    /// <see cref="LocalFeedDirectory"/>, is a source too, for packages the consumer packs itself.
    /// </summary>
    public static ConsumerProject Create(string name, IReadOnlyDictionary<string, string> files)
    {
        string directory = Path.Combine(PackedPackage.Root, name);
        System.IO.Directory.CreateDirectory(Path.Combine(directory, LocalFeedName));
        File.WriteAllText(Path.Combine(directory, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <!-- The packages under test, beside the default sources (no <clear/>). -->
                <add key="errorcodegen-under-test" value="{PackedPackage.FeedDirectory}" />
                <add key="packed-by-this-consumer" value="{Path.Combine(directory, LocalFeedName)}" />
              </packageSources>
            </configuration>
            """);
        foreach (var (path, content) in files)
        {
            string full = Path.Combine(directory, path);
            System.IO.Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            File.WriteAllText(full, content);
        }

        return new ConsumerProject(directory);
    }

    /// <summary><c>dotnet build</c> (restore included) of a project in the folder.</summary>
    public Task<DotnetResult> BuildAsync(string project, params string[] properties)
        => RunInSlotAsync(new[] { "build", project, "-nologo", "-v:q", "-clp:NoSummary", "-tl:off" }.Concat(properties).ToArray());

    /// <summary><c>dotnet pack</c> of a project in the folder into <see cref="LocalFeedDirectory"/>.</summary>
    public Task<DotnetResult> PackAsync(string project, string version)
        => RunInSlotAsync("pack", project, "-o", LocalFeedDirectory, "-p:Version=" + version, "-nologo", "-v:q", "-clp:NoSummary", "-tl:off");

    private async Task<DotnetResult> RunInSlotAsync(params string[] arguments)
    {
        await s_buildSlots.WaitAsync();
        try
        {
            return await DotnetCli.RunAsync(Directory, arguments, PackedPackage.ConsumerEnvironment);
        }
        finally
        {
            s_buildSlots.Release();
        }
    }

    /// <summary>
    /// Runs a built app with <c>dotnet app.dll</c>. A net8.0 app runs on the newest installed runtime
    /// (<c>DOTNET_ROLL_FORWARD=Major</c>), since the machine may have no .NET 8 runtime.
    /// </summary>
    public Task<DotnetResult> RunAsync(string dll)
        => DotnetCli.RunAsync(Directory, new[] { dll }, new Dictionary<string, string> { ["DOTNET_ROLL_FORWARD"] = "Major" }, TimeSpan.FromMinutes(1));

    public string PathOf(string relative) => Path.Combine(Directory, relative);
}
