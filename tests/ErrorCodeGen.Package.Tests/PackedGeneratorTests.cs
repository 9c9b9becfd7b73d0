using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.Loader;
using ErrorCodeGen.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using NUnit.Framework;

namespace ErrorCodeGen.Package.Tests;

/// <summary>
/// The packed generator, loaded from the package's analyzers folder the way the compiler loads it (an
/// <see cref="AnalyzerFileReference"/>, its own load context, Roslyn and the framework from the host), then run by
/// Roslyn's driver: what IntelliSense shows for a generated member is its documentation comment.
/// </summary>
public class PackedGeneratorTests
{
    private static string AnalyzerDirectory => Path.Combine(PackedPackage.ExtractedDirectory, "analyzers", "dotnet", "cs");

    [Test]
    public void Generated_enum_member_documentation_has_the_remediation()
    {
        var loader = new AnalyzerFolderLoader(AnalyzerDirectory);
        var reference = new AnalyzerFileReference(Path.Combine(AnalyzerDirectory, "ErrorCodeGen.Generator.dll"), loader);
        ImmutableArray<ISourceGenerator> generators = reference.GetGenerators(LanguageNames.CSharp);
        Assert.That(generators.Select(g => g.GetGeneratorType().FullName), Is.EqualTo(new[] { "ErrorCodeGen.Generator.ErrorCodeGenerator" }));

        string catalogPath = Path.Combine(PackedPackage.ExtractedDirectory, "catalogs", "runcomfy-trainer.errors.yaml");
        var parseOptions = new CSharpParseOptions(LanguageVersion.Latest, DocumentationMode.Diagnose);
        CSharpCompilation compilation = CSharpCompilation.Create(
            "Consumer",
            new[] { CSharpSyntaxTree.ParseText("namespace Consumer { internal static class Placeholder { } }", parseOptions) },
            References(),
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));

        GeneratorDriver driver = CSharpGeneratorDriver.Create(
            generators,
            // Edited, so it is parsed (YamlDotNet) and rendered (Markdig) rather than read from its shipped model.
            new[] { new TestAdditionalText(catalogPath, File.ReadAllText(catalogPath) + "\n# A local edit.\n") },
            parseOptions,
            new TestOptionsProvider(new Dictionary<string, string> { ["build_property.RootNamespace"] = "Consumer" }));
        driver.RunGeneratorsAndUpdateCompilation(compilation, out Compilation output, out ImmutableArray<Diagnostic> generatorDiagnostics);

        Assert.That(generatorDiagnostics, Is.Empty);
        Assert.That(output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error), Is.Empty);

        INamedTypeSymbol enumType = output.GetTypeByMetadataName("Consumer.RunComfyTrainerErrorCode")!;
        Assert.That(enumType, Is.Not.Null);
        string? documentation = enumType.GetMembers("Flux2OomRisk").Single().GetDocumentationCommentXml();
        Assert.That(documentation, Does.Contain("<summary>FLUX.2 training settings have a high out-of-memory (OOM) risk.</summary>"));
        Assert.That(documentation, Does.Contain("Reduce <c>batch_size</c> and/or reduce resolution (<c>max_res</c>)."));

        // The generator's own dependencies came from the package's folder.
        Assert.That(loader.Assemblies.Select(a => Path.GetDirectoryName(a.Location) + "/" + a.GetName().Name), Is.SupersetOf(new[]
        {
            AnalyzerDirectory + "/ErrorCodeGen.Generator",
            AnalyzerDirectory + "/YamlDotNet",
            AnalyzerDirectory + "/Markdig",
        }));
    }

    /// <summary>The running framework plus the runtime library from its package: what a net8.0+ consumer compiles against.</summary>
    private static IEnumerable<MetadataReference> References()
    {
        var framework = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Where(p => Path.GetFileName(p) is string name && (name.StartsWith("System.", StringComparison.Ordinal) || name is "netstandard.dll" or "mscorlib.dll"));
        string runtime = Path.Combine(PackedPackage.RuntimeExtractedDirectory, "lib", "net8.0", "ErrorCodeGen.Runtime.dll");
        return framework.Append(runtime).Select(p => MetadataReference.CreateFromFile(p));
    }

    /// <summary>
    /// As Roslyn's loader on .NET: one load context per analyzer folder; an assembly the host has (Roslyn, the
    /// framework) comes from the host, anything else from the folder: YamlDotNet and Markdig must be there.
    /// </summary>
    private sealed class AnalyzerFolderLoader : AssemblyLoadContext, IAnalyzerAssemblyLoader
    {
        private readonly string _directory;

        public AnalyzerFolderLoader(string directory)
            : base("ErrorCodeGen analyzers", isCollectible: false)
            => _directory = directory;

        public void AddDependencyLocation(string fullPath)
        {
        }

        public Assembly LoadFromPath(string fullPath) => LoadFromAssemblyPath(fullPath);

        protected override Assembly? Load(AssemblyName assemblyName)
        {
            try
            {
                return Default.LoadFromAssemblyName(assemblyName);
            }
            catch (FileNotFoundException)
            {
                string path = Path.Combine(_directory, assemblyName.Name + ".dll");
                return File.Exists(path) ? LoadFromAssemblyPath(path) : null;
            }
        }
    }
}
