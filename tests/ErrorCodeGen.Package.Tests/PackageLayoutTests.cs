using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using ErrorCodeGen.Tests.Infrastructure;
using NUnit.Framework;

namespace ErrorCodeGen.Package.Tests;

/// <summary>
/// What the two packed .nupkg files contain: the layout NuGet and the compiler rely on, and the package metadata. The
/// runtime package is only the library; the generator package has no code under lib/ and depends on the runtime one.
/// </summary>
public class PackageLayoutTests
{
    private const string AnalyzerFolder = "analyzers/dotnet/cs/";

    /// <summary>
    /// Assemblies every compiler host already has loaded, because Roslyn itself depends on them; the package must not
    /// ship them (docs/msbuild.md, "What the packages contain").
    /// </summary>
    private static readonly string[] s_hostAssemblies =
    {
        "netstandard", "Microsoft.CodeAnalysis", "Microsoft.CodeAnalysis.CSharp", "System.Collections.Immutable",
        "System.Reflection.Metadata", "System.Memory", "System.Buffers", "System.Runtime.CompilerServices.Unsafe",
        "System.Threading.Tasks.Extensions", "System.Text.Encoding.CodePages", "System.Numerics.Vectors",
    };

    private static List<string> Entries(string id)
    {
        using ZipArchive zip = ZipFile.OpenRead(PackedPackage.NupkgPath(id));
        return zip.Entries.Select(e => e.FullName).ToList();
    }

    /// <summary>What NuGet writes into every package; not part of either layout.</summary>
    private static bool IsPackageMetadata(string entry)
        => entry.StartsWith("_rels/", StringComparison.Ordinal) || entry.StartsWith("package/", StringComparison.Ordinal)
           || entry == "[Content_Types].xml" || entry.EndsWith(".nuspec", StringComparison.Ordinal);

    [Test]
    public void Packing_the_solution_gives_the_three_packages_and_the_symbols_of_the_libraries_only()
    {
        string[] files = Directory.GetFiles(PackedPackage.FeedDirectory).Select(Path.GetFileName).ToArray()!;
        Assert.That(files, Is.EquivalentTo(new[]
        {
            Path.GetFileName(PackedPackage.NupkgPath(PackedPackage.PackageId)),
            Path.GetFileName(PackedPackage.NupkgPath(PackedPackage.RuntimePackageId)),
            Path.GetFileName(PackedPackage.SnupkgPath(PackedPackage.RuntimePackageId)),
            Path.GetFileName(PackedPackage.NupkgPath(PackedPackage.PollyPackageId)),
            Path.GetFileName(PackedPackage.SnupkgPath(PackedPackage.PollyPackageId)),
        }));
    }

    /// <summary>
    /// EnablePackageValidation is on for both packable projects: the SDK's validation target ran during the pack (its
    /// marker file, in the artifacts folder of the run, is written only when it runs).
    /// </summary>
    [TestCase("ErrorCodeGen.Runtime")]
    [TestCase("ErrorCodeGen.Package")]
    [TestCase("ErrorCodeGen.Polly")]
    public void Pack_validated_the_package(string project)
        => Assert.That(Path.Combine(PackedPackage.Root, "artifacts", "obj", project, "release", "Microsoft.NET.ApiCompat.ValidatePackage.semaphore"), Does.Exist);

    [Test]
    public void Runtime_package_has_the_library_for_both_frameworks_and_nothing_of_the_generator()
    {
        var entries = Entries(PackedPackage.RuntimePackageId).Where(e => !IsPackageMetadata(e));
        Assert.That(entries, Is.EquivalentTo(new[]
        {
            "lib/netstandard2.0/ErrorCodeGen.Runtime.dll",
            "lib/netstandard2.0/ErrorCodeGen.Runtime.xml",
            "lib/net8.0/ErrorCodeGen.Runtime.dll",
            "lib/net8.0/ErrorCodeGen.Runtime.xml",
            "README.md",
        }));
    }

    [Test]
    public void Generator_package_has_the_generator_build_files_catalogs_and_readme_and_no_code_under_lib()
    {
        var entries = Entries(PackedPackage.PackageId).Where(e => !IsPackageMetadata(e));
        string[] expected =
        {
            AnalyzerFolder + "ErrorCodeGen.Generator.dll",
            AnalyzerFolder + "YamlDotNet.dll",
            AnalyzerFolder + "Markdig.dll",
            "build/ErrorCodeGen.props",
            "build/ErrorCodeGen.targets",
            "buildTransitive/ErrorCodeGen.props",
            "buildTransitive/ErrorCodeGen.targets",
            // Says which frameworks the package fits; the runtime library comes from the ErrorCodeGen.Runtime dependency.
            "lib/netstandard2.0/_._",
            "README.md",
        };
        Assert.That(entries, Is.EquivalentTo(expected.Concat(RepoPaths.CuratedCatalogs.Select(c => "catalogs/" + c))));
        Assert.That(new FileInfo(Path.Combine(PackedPackage.ExtractedDirectory, "lib", "netstandard2.0", "_._")).Length, Is.Zero);
    }

    [Test]
    public void Package_ships_nothing_of_Roslyn()
    {
        Assert.That(Entries(PackedPackage.PackageId).Concat(Entries(PackedPackage.RuntimePackageId)).Where(e => Path.GetFileName(e).StartsWith("Microsoft.CodeAnalysis", StringComparison.OrdinalIgnoreCase)), Is.Empty);
    }

    [Test]
    public void Analyzer_folder_holds_every_assembly_the_generator_loads_and_nothing_else()
    {
        string folder = Path.Combine(PackedPackage.ExtractedDirectory, AnalyzerFolder);
        string[] shipped = Directory.GetFiles(folder).Select(p => Path.GetFileNameWithoutExtension(p)).ToArray();
        Assert.That(shipped, Is.EquivalentTo(new[] { "ErrorCodeGen.Generator", "YamlDotNet", "Markdig" }));

        var missing = new List<string>();
        foreach (string path in Directory.GetFiles(folder, "*.dll"))
        {
            foreach ((string name, Version version) in AssemblyReferences(path))
            {
                if (!shipped.Contains(name) && !s_hostAssemblies.Contains(name))
                {
                    missing.Add($"{Path.GetFileName(path)} -> {name} {version}");
                }
            }
        }

        Assert.That(missing, Is.Empty, "Referenced by a packed analyzer assembly, but neither packed nor provided by the compiler host.");
    }

    [Test]
    public void Generator_references_Roslyn_4_8_so_it_loads_in_the_NET_8_SDK_and_Visual_Studio_17_8()
    {
        var roslyn = AssemblyReferences(Path.Combine(PackedPackage.ExtractedDirectory, AnalyzerFolder, "ErrorCodeGen.Generator.dll"))
            .Where(r => r.Name.StartsWith("Microsoft.CodeAnalysis", StringComparison.Ordinal))
            .ToList();
        Assert.That(roslyn.Select(r => r.Name), Does.Contain("Microsoft.CodeAnalysis"));
        Assert.That(roslyn.Select(r => r.Version), Is.All.EqualTo(new Version(4, 8, 0, 0)));
    }

    [Test]
    public void Catalog_names_in_the_build_targets_match_the_packed_catalogs()
    {
        XDocument targets = XDocument.Load(Path.Combine(PackedPackage.ExtractedDirectory, "buildTransitive", "ErrorCodeGen.targets"));
        var curated = targets.Descendants("_ErrorCodeGenCuratedCatalog")
            .ToDictionary(e => (string)e.Attribute("Include")!, e => (string)e.Attribute("File")!);
        Assert.That(curated.Values, Is.EquivalentTo(RepoPaths.CuratedCatalogs));

        foreach (var (name, file) in curated)
        {
            string yaml = File.ReadAllText(Path.Combine(PackedPackage.ExtractedDirectory, "catalogs", file));
            Match provider = Regex.Match(yaml, @"^provider:\s*\n\s+name:\s*(\S+)", RegexOptions.Multiline);
            Assert.That(provider.Groups[1].Value, Is.EqualTo(name), file);
        }
    }

    private static XElement Metadata(string id)
    {
        using ZipArchive zip = ZipFile.OpenRead(PackedPackage.NupkgPath(id));
        using Stream stream = zip.GetEntry(id + ".nuspec")!.Open();
        return XDocument.Load(stream).Root!.Elements().Single(e => e.Name.LocalName == "metadata");
    }

    private static string Value(XElement metadata, string name) => metadata.Elements().Single(e => e.Name.LocalName == name).Value;

    private static List<(string Framework, string Id, string Version)> Dependencies(XElement metadata)
        => metadata.Descendants().Where(e => e.Name.LocalName == "dependency")
            .Select(e => ((string)e.Parent!.Attribute("targetFramework")!, (string)e.Attribute("id")!, (string)e.Attribute("version")!))
            .ToList();

    [TestCase(PackedPackage.PackageId, "source generator")]
    [TestCase(PackedPackage.RuntimePackageId, "runtime library")]
    public void Nuspec_has_the_package_metadata(string id, string described)
    {
        XElement metadata = Metadata(id);
        XElement Element(string name) => metadata.Elements().Single(e => e.Name.LocalName == name);

        Assert.Multiple(() =>
        {
            Assert.That(Value(metadata, "id"), Is.EqualTo(id));
            Assert.That(Value(metadata, "version"), Is.EqualTo(PackedPackage.Version));
            Assert.That(Value(metadata, "description"), Does.Contain(described));
            Assert.That(Value(metadata, "tags").Split(' '), Is.SupersetOf(new[] { "errors", "exceptions" }));
            Assert.That(Element("license").Attribute("type")?.Value, Is.EqualTo("expression"));
            Assert.That(Value(metadata, "license"), Is.EqualTo("MIT"));
            Assert.That(Value(metadata, "readme"), Is.EqualTo("README.md"));
            Assert.That(Element("repository").Attribute("type")?.Value, Is.EqualTo("git"));
            Assert.That(Element("repository").Attribute("url")?.Value, Is.EqualTo("https://github.com/errorcodegen/errorcodegen"));
        });
    }

    [Test]
    public void Generator_package_is_a_development_dependency_on_the_runtime_package_of_its_own_version()
    {
        XElement metadata = Metadata(PackedPackage.PackageId);
        Assert.That(Value(metadata, "developmentDependency"), Is.EqualTo("true"));
        Assert.That(Value(metadata, "tags").Split(' '), Is.SupersetOf(new[] { "source-generator", "roslyn" }));

        // YamlDotNet and Markdig are inside the package (analyzers/), not dependencies.
        Assert.That(Dependencies(metadata), Is.EqualTo(new[] { (".NETStandard2.0", PackedPackage.RuntimePackageId, PackedPackage.Version) }));
    }

    [Test]
    public void Runtime_package_depends_on_System_Text_Json_TimeProvider_and_DiagnosticSource_for_netstandard2_0_only()
    {
        var dependencies = Dependencies(Metadata(PackedPackage.RuntimePackageId));
        Assert.That(dependencies.Select(d => (d.Framework, d.Id)), Is.EquivalentTo(new[]
        {
            (".NETStandard2.0", "System.Text.Json"),
            (".NETStandard2.0", "Microsoft.Bcl.TimeProvider"),
            (".NETStandard2.0", "System.Diagnostics.DiagnosticSource"),
        }));
    }

    [Test]
    public void Symbol_package_has_the_runtime_pdbs()
    {
        using ZipArchive zip = ZipFile.OpenRead(PackedPackage.SnupkgPath(PackedPackage.RuntimePackageId));
        Assert.That(zip.Entries.Select(e => e.FullName), Is.SupersetOf(new[]
        {
            "lib/netstandard2.0/ErrorCodeGen.Runtime.pdb",
            "lib/net8.0/ErrorCodeGen.Runtime.pdb",
        }));
    }

    private static List<(string Name, Version Version)> AssemblyReferences(string path)
    {
        using FileStream file = File.OpenRead(path);
        using var pe = new PEReader(file);
        MetadataReader reader = pe.GetMetadataReader();
        return reader.AssemblyReferences
            .Select(h => reader.GetAssemblyReference(h))
            .Select(r => (reader.GetString(r.Name), r.Version))
            .ToList();
    }
}
