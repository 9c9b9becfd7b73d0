using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using System.Xml.Linq;
using ErrorCodeGen.Package.Tests.Infrastructure;
using NUnit.Framework;

namespace ErrorCodeGen.Package.Tests;

/// <summary>
/// Throwaway consumers of the packed packages, restored, built and run with the real CLI. Every build starts in
/// <see cref="StartBuilds"/> (as many at once as there are cores); each test waits for the one it needs.
/// </summary>
public class ConsumerTests
{
    private ConsumerProject _twoCatalogs = null!;
    private ConsumerProject _sdk = null!;
    private ConsumerProject _broken = null!;
    private ConsumerProject _unknownName = null!;
    private ConsumerProject _autoIncludeOff = null!;
    private ConsumerProject _retryLayer = null!;
    private Task<DotnetResult> _retryLayerBuild = null!;
    private Task<DotnetResult> _twoCatalogsBuild = null!;
    private Task<DotnetResult> _sdkBuild = null!;
    private Task<DotnetResult> _packedSdkBuild = null!;
    private Task<DotnetResult> _brokenBuild = null!;
    private Task<DotnetResult> _unknownNameBuild = null!;
    private Task<DotnetResult> _autoIncludeOffBuild = null!;
    private Task<DotnetResult> _privateGeneratorOnlyBuild = null!;

    [OneTimeSetUp]
    public void StartBuilds()
    {
        _twoCatalogs = Consumers.TwoCatalogs();
        _sdk = Consumers.SdkLibraryAndApp();
        _broken = Consumers.BrokenCatalog();
        _unknownName = Consumers.UnknownCatalogName();
        _autoIncludeOff = Consumers.AutoIncludeOff();
        _retryLayer = Consumers.RetryLayer();

        _twoCatalogsBuild = _twoCatalogs.BuildAsync("TwoCatalogs.csproj");
        _sdkBuild = _sdk.BuildAsync("Acme.App/Acme.App.csproj");
        _brokenBuild = _broken.BuildAsync("BrokenCatalog.csproj");
        _unknownNameBuild = _unknownName.BuildAsync("UnknownCatalogName.csproj");
        _autoIncludeOffBuild = _autoIncludeOff.BuildAsync("AutoIncludeOff.csproj");
        string catalogs = Path.Combine(PackedPackage.ExtractedDirectory, "catalogs");
        _privateGeneratorOnlyBuild = Consumers.PrivateGeneratorOnly().BuildAsync("PrivateGeneratorOnly.csproj", "-p:ErrorCodeGenCatalogDirectory=" + catalogs.TrimEnd('/', '\\'));
        _retryLayerBuild = _retryLayer.BuildAsync("RetryLayer.csproj");
        _packedSdkBuild = PackTheSdkAndBuildAnAppOnItAsync();
    }

    /// <summary>After the ProjectReference build (they share Acme.Sdk's obj/): pack the SDK, then build an app on the package.</summary>
    private async Task<DotnetResult> PackTheSdkAndBuildAnAppOnItAsync()
    {
        await _sdkBuild;
        DotnetResult pack = await _sdk.PackAsync("Acme.Sdk/Acme.Sdk.csproj", PackedPackage.Version);
        return pack.Succeeded ? await _sdk.BuildAsync("Acme.PackedApp/Acme.PackedApp.csproj") : pack;
    }

    [OneTimeTearDown]
    public Task WaitForBuilds()
        => Task.WhenAll(_twoCatalogsBuild, _sdkBuild, _brokenBuild, _unknownNameBuild, _autoIncludeOffBuild, _packedSdkBuild, _retryLayerBuild, _privateGeneratorOnlyBuild);

    [Test]
    public async Task Net8_app_with_two_curated_catalogs_prints_a_classified_error_from_each()
    {
        DotnetResult build = await _twoCatalogsBuild;
        Assert.That(build.Succeeded, Is.True, build.ToString());

        DotnetResult run = await _twoCatalogs.RunAsync("bin/Debug/net8.0/TwoCatalogs.dll");
        Assert.That(run.Succeeded, Is.True, run.ToString());
        Assert.That(run.StandardOutput, Does.Contain("RunComfyTrainer: RunComfyTrainerValidationException Flux2OomRisk HTTP 422, retryable: False"));
        Assert.That(run.StandardOutput, Does.Contain("RunComfyTrainer remediation: - Reduce batch_size and/or reduce resolution (max_res)."));
        Assert.That(run.StandardOutput, Does.Contain("CmfyCloud: CmfyCloudRateLimitException RateLimitExceeded HTTP 429, retryable: True, retry after 45s"));
        Assert.That(run.StandardOutput, Does.Contain("Caught by exception group and code."));
    }

    [Test]
    public async Task Retry_handler_and_Polly_adapter_from_the_packages_retry_a_429_and_not_a_POST_that_got_a_500()
    {
        DotnetResult build = await _retryLayerBuild;
        Assert.That(build.Succeeded, Is.True, build.ToString());

        DotnetResult run = await _retryLayer.RunAsync("bin/Debug/net8.0/RetryLayer.dll");
        Assert.That(run.Succeeded, Is.True, run.ToString());
        Assert.That(run.StandardOutput, Does.Contain("Handler GET: 200 after 2 attempts"));
        Assert.That(run.StandardOutput, Does.Contain("Polly POST after 429: 200 after 2 attempts"));
        Assert.That(run.StandardOutput, Does.Contain("Polly POST after 500: 500 after 1 attempt, InternalError"));
    }

    [Test]
    public async Task Consumer_documentation_file_has_the_remediation_IntelliSense_shows()
    {
        DotnetResult build = await _twoCatalogsBuild;
        Assert.That(build.Succeeded, Is.True, build.ToString());

        XDocument docs = XDocument.Load(_twoCatalogs.PathOf("bin/Debug/net8.0/TwoCatalogs.xml"));
        XElement? member = docs.Descendants("member").SingleOrDefault(m => (string?)m.Attribute("name") == "F:TwoCatalogs.RunComfyTrainerErrorCode.Flux2OomRisk");
        Assert.That(member, Is.Not.Null, "The generated enum member is not in the documentation file.");
        Assert.That(member!.Element("summary")?.Value, Does.Contain("out-of-memory (OOM) risk"));
        Assert.That(member.Element("remarks")?.ToString(SaveOptions.DisableFormatting), Does.Contain("Reduce <c>batch_size</c> and/or reduce resolution (<c>max_res</c>)."));
    }

    [TestCase("Acme.App")]
    [TestCase("Acme.PackedApp")]
    public async Task Netstandard_SDK_library_keeps_generated_types_internal_and_a_net10_app_uses_it(string app)
    {
        DotnetResult build = await (app == "Acme.App" ? _sdkBuild : _packedSdkBuild);
        Assert.That(build.Succeeded, Is.True, build.ToString());

        DotnetResult run = await _sdk.RunAsync($"{app}/bin/Debug/net10.0/{app}.dll");
        Assert.That(run.Succeeded, Is.True, run.ToString());
        Assert.That(run.StandardOutput, Does.Contain("Acme: AcmeValidationException BAD_PROMPT HTTP 400, retryable: False"));
        Assert.That(run.StandardOutput, Does.Contain("Flow: FlowValidationException BAD_USER_INPUT"));
        Assert.That(run.StandardOutput, Does.Contain("Billing: CardDeclined"));
        Assert.That(run.StandardOutput, Does.Contain("Search: query_too_long at most 256 characters req_9 Json"), "a declared shape, read by the packed runtime");
        Assert.That(run.StandardOutput, Does.Contain("Caught from the SDK: Acme 5031 HTTP 503, retryable: True"));
        Assert.That(run.StandardOutput, Does.Contain("Acme.Sdk.AcmeErrorCode: internal"));
        Assert.That(run.StandardOutput, Does.Contain("Acme.Sdk.AcmeErrors: internal"));
        Assert.That(run.StandardOutput, Does.Contain("Acme.Sdk.AcmeException: internal"));
        Assert.That(run.StandardOutput, Does.Contain("Acme.Sdk.Flow.FlowErrors: internal"));
        Assert.That(run.StandardOutput, Does.Contain("Acme.Sdk.Billing.BillingErrorCode: public"));
    }

    [Test]
    public async Task SDK_library_restores_the_generator_package_and_the_runtime()
    {
        DotnetResult build = await _sdkBuild;
        Assert.That(build.Succeeded, Is.True, build.ToString());

        Assert.That(RestoredPackages(_sdk.PathOf("Acme.Sdk/obj/project.assets.json")), Is.SupersetOf(new[] { PackedPackage.PackageId, PackedPackage.RuntimePackageId }));
    }

    /// <summary>
    /// The point of the two packages: an app that uses an SDK built with ErrorCodeGen restores ErrorCodeGen.Runtime and
    /// nothing else of ours, whether it references the SDK's project or its package.
    /// </summary>
    [TestCase("Acme.App")]
    [TestCase("Acme.PackedApp")]
    public async Task App_of_the_SDK_gets_the_runtime_package_only(string app)
    {
        DotnetResult build = await (app == "Acme.App" ? _sdkBuild : _packedSdkBuild);
        Assert.That(build.Succeeded, Is.True, build.ToString());

        string obj = _sdk.PathOf(app + "/obj");
        string assetsPath = Path.Combine(obj, "project.assets.json");
        List<string> packages = RestoredPackages(assetsPath);
        Assert.That(packages, Does.Contain(PackedPackage.RuntimePackageId));
        Assert.That(packages, Does.Not.Contain(PackedPackage.PackageId));

        string assets = File.ReadAllText(assetsPath);
        Assert.Multiple(() =>
        {
            foreach (string absent in new[] { "analyzers/", "ErrorCodeGen.Generator", "YamlDotNet", "Markdig", "ErrorCodeGen.props", "ErrorCodeGen.targets" })
            {
                Assert.That(assets, Does.Not.Contain(absent), $"{app}/obj/project.assets.json");
            }
        });

        string[] nugetImports = Directory.GetFiles(obj, "*.nuget.g.*");
        Assert.That(nugetImports, Has.Length.EqualTo(2));
        foreach (string file in nugetImports)
        {
            string text = File.ReadAllText(file);
            Assert.That(text, Does.Not.Contain("ErrorCodeGen.props").And.Not.Contain("ErrorCodeGen.targets"), file);
            Assert.That(Regex.IsMatch(text, @"errorcodegen[/\\]", RegexOptions.IgnoreCase), Is.False, file + " imports from the ErrorCodeGen package folder");
        }

        // Nothing declares the generator's inputs, and nothing of the generator is copied beside the app.
        string options = File.ReadAllText(Path.Combine(obj, "Debug", "net10.0", app + ".GeneratedMSBuildEditorConfig.editorconfig"));
        Assert.That(options, Does.Not.Contain("ErrorCodeGen"));
        string[] output = Directory.GetFiles(_sdk.PathOf($"{app}/bin/Debug/net10.0")).Select(Path.GetFileName).ToArray()!;
        Assert.That(output, Does.Contain("ErrorCodeGen.Runtime.dll"));
        Assert.That(output, Has.None.StartsWith("ErrorCodeGen.Generator").And.None.StartsWith("YamlDotNet").And.None.StartsWith("Markdig"));
    }

    [Test]
    public async Task Packed_SDK_depends_on_the_runtime_package_and_not_on_the_generator_package()
    {
        DotnetResult build = await _packedSdkBuild;
        Assert.That(build.Succeeded, Is.True, build.ToString());

        using ZipArchive zip = ZipFile.OpenRead(Path.Combine(_sdk.LocalFeedDirectory, $"Acme.Sdk.{PackedPackage.Version}.nupkg"));
        using Stream nuspec = zip.GetEntry("Acme.Sdk.nuspec")!.Open();
        var dependencies = XDocument.Load(nuspec).Descendants().Where(e => e.Name.LocalName == "dependency").Select(e => (string)e.Attribute("id")!);
        Assert.That(dependencies, Is.EqualTo(new[] { PackedPackage.RuntimePackageId }));
    }

    /// <summary>The package ids in a project.assets.json ("libraries" holds every package restored, at any depth).</summary>
    private static List<string> RestoredPackages(string assetsPath)
        => JsonNode.Parse(File.ReadAllText(assetsPath))!["libraries"]!.AsObject()
            .Where(p => (string?)p.Value!["type"] == "package")
            .Select(p => p.Key.Split('/')[0])
            .ToList();

    [Test]
    public async Task Broken_catalog_fails_the_build_with_the_ECG_diagnostic_at_the_YAML_line()
    {
        DotnetResult build = await _brokenBuild;
        Assert.That(build.ExitCode, Is.Not.EqualTo(0), build.ToString());
        Assert.That(build.Output, Does.Contain("bad.errors.yaml(7,16): error ECG0004: 'retryable' must be true or false (unquoted), but is 'maybe'"), build.ToString());
    }

    [Test]
    public async Task Unknown_catalog_name_is_a_build_error_listing_the_valid_names()
    {
        DotnetResult build = await _unknownNameBuild;
        Assert.That(build.ExitCode, Is.Not.EqualTo(0), build.ToString());
        Assert.That(build.Output, Does.Contain("error ECG1001: Unknown ErrorCodeGenCatalog name(s): OpenAI. Valid names (case-insensitive): RunComfyTrainer, RunComfyServerless, Runware, CmfyCloud, Flow, All."), build.ToString());
    }

    [Test]
    public async Task A_library_with_the_generator_private_and_no_runtime_reference_is_warned()
    {
        DotnetResult build = await _privateGeneratorOnlyBuild;
        Assert.That(build.Succeeded, Is.True, "the catalogs' folder given with -p: and no trailing slash is found: " + build);
        Assert.That(build.Output, Does.Contain("warning ECG1003: ErrorCodeGen is referenced with PrivateAssets and ErrorCodeGen.Runtime is not referenced"), build.ToString());
    }

    [Test]
    public async Task Auto_include_off_generates_only_the_listed_catalog()
    {
        DotnetResult build = await _autoIncludeOffBuild;
        Assert.That(build.Succeeded, Is.True, build.ToString());

        DotnetResult run = await _autoIncludeOff.RunAsync("bin/Debug/net10.0/AutoIncludeOff.dll");
        Assert.That(run.Succeeded, Is.True, run.ToString());
        Assert.That(run.StandardOutput, Does.Contain("Alpha: generated"));
        Assert.That(run.StandardOutput, Does.Contain("Beta: not generated"));
    }
}
