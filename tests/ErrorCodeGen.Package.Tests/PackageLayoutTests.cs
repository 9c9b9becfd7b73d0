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

/// <summary>What the packed .nupkg contains: the layout NuGet and the compiler rely on, and the package metadata.</summary>
public class PackageLayoutTests
{
    private const string AnalyzerFolder = "analyzers/dotnet/cs/";

    /// <summary>
    /// Assemblies every compiler host already has loaded, because Roslyn itself depends on them; the package must not
    /// ship them (docs/msbuild.md, "What the package contains").
    /// </summary>
    private static readonly string[] s_hostAssemblies =
    {
        "netstandard", "Microsoft.CodeAnalysis", "Microsoft.CodeAnalysis.CSharp", "System.Collections.Immutable",
        "System.Reflection.Metadata", "System.Memory", "System.Buffers", "System.Runtime.CompilerServices.Unsafe",
        "System.Threading.Tasks.Extensions", "System.Text.Encoding.CodePages", "System.Numerics.Vectors",
    };

    private static List<string> Entries()
    {
        using ZipArchive zip = ZipFile.OpenRead(PackedPackage.NupkgPath);
        return zip.Entries.Select(e => e.FullName).ToList();
    }

    [Test]
    public void Feed_holds_the_package_and_its_symbol_package_only()
    {
        string[] files = Directory.GetFiles(PackedPackage.FeedDirectory).Select(Path.GetFileName).ToArray()!;
        Assert.That(files, Is.EquivalentTo(new[] { Path.GetFileName(PackedPackage.NupkgPath), Path.GetFileName(PackedPackage.SnupkgPath) }));
    }

    [Test]
    public void Package_has_the_generator_runtime_build_files_catalogs_and_readme()
    {
        List<string> entries = Entries();
        string[] required =
        {
            AnalyzerFolder + "ErrorCodeGen.Generator.dll",
            AnalyzerFolder + "YamlDotNet.dll",
            AnalyzerFolder + "Markdig.dll",
            "lib/netstandard2.0/ErrorCodeGen.Runtime.dll",
            "lib/netstandard2.0/ErrorCodeGen.Runtime.xml",
            "lib/net8.0/ErrorCodeGen.Runtime.dll",
            "lib/net8.0/ErrorCodeGen.Runtime.xml",
            "build/ErrorCodeGen.props",
            "build/ErrorCodeGen.targets",
            "buildTransitive/ErrorCodeGen.props",
            "buildTransitive/ErrorCodeGen.targets",
            "README.md",
        };
        Assert.That(entries, Is.SupersetOf(required));
        Assert.That(entries, Is.SupersetOf(RepoPaths.CuratedCatalogs.Select(c => "catalogs/" + c)));
    }

    [Test]
    public void Package_ships_nothing_of_Roslyn()
    {
        Assert.That(Entries().Where(e => Path.GetFileName(e).StartsWith("Microsoft.CodeAnalysis", StringComparison.OrdinalIgnoreCase)), Is.Empty);
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

    [Test]
    public void Nuspec_has_the_package_metadata()
    {
        using ZipArchive zip = ZipFile.OpenRead(PackedPackage.NupkgPath);
        using Stream stream = zip.GetEntry(PackedPackage.PackageId + ".nuspec")!.Open();
        XElement metadata = XDocument.Load(stream).Root!.Elements().Single(e => e.Name.LocalName == "metadata");
        string Value(string name) => metadata.Elements().Single(e => e.Name.LocalName == name).Value;
        XElement Element(string name) => metadata.Elements().Single(e => e.Name.LocalName == name);

        Assert.Multiple(() =>
        {
            Assert.That(Value("id"), Is.EqualTo("ErrorCodeGen"));
            Assert.That(Value("version"), Is.EqualTo(PackedPackage.Version));
            Assert.That(Value("description"), Does.Contain("source generator"));
            Assert.That(Value("tags").Split(' '), Is.SupersetOf(new[] { "source-generator", "roslyn", "errors" }));
            Assert.That(Element("license").Attribute("type")?.Value, Is.EqualTo("expression"));
            Assert.That(Value("license"), Is.EqualTo("MIT"));
            Assert.That(Value("readme"), Is.EqualTo("README.md"));
            Assert.That(Element("repository").Attribute("type")?.Value, Is.EqualTo("git"));
            Assert.That(Element("repository").Attribute("url")?.Value, Is.EqualTo("https://github.com/errorcodegen/errorcodegen"));
        });

        // The runtime's only dependencies (for netstandard2.0); the generator's (YamlDotNet, Markdig) are inside the package, not dependencies.
        var dependencies = metadata.Descendants().Where(e => e.Name.LocalName == "dependency").Select(e => (string)e.Attribute("id")!).Distinct();
        Assert.That(dependencies, Is.EquivalentTo(new[] { "System.Text.Json", "Microsoft.Bcl.TimeProvider" }));
    }

    [Test]
    public void Symbol_package_has_the_runtime_pdbs()
    {
        using ZipArchive zip = ZipFile.OpenRead(PackedPackage.SnupkgPath);
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
