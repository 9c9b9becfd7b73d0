using System.IO;
using System.Linq;
using System.Threading.Tasks;
using System.Xml.Linq;
using ErrorCodeGen.Package.Tests.Infrastructure;
using NUnit.Framework;

namespace ErrorCodeGen.Package.Tests;

/// <summary>
/// Throwaway consumers of the packed package, restored, built and run with the real CLI. Every build starts in
/// <see cref="StartBuilds"/> (as many at once as there are cores); each test waits for the one it needs.
/// </summary>
public class ConsumerTests
{
    private ConsumerProject _twoCatalogs = null!;
    private ConsumerProject _sdk = null!;
    private ConsumerProject _broken = null!;
    private ConsumerProject _unknownName = null!;
    private ConsumerProject _autoIncludeOff = null!;
    private Task<DotnetResult> _twoCatalogsBuild = null!;
    private Task<DotnetResult> _sdkBuild = null!;
    private Task<DotnetResult> _brokenBuild = null!;
    private Task<DotnetResult> _unknownNameBuild = null!;
    private Task<DotnetResult> _autoIncludeOffBuild = null!;

    [OneTimeSetUp]
    public void StartBuilds()
    {
        _twoCatalogs = Consumers.TwoCatalogs();
        _sdk = Consumers.SdkLibraryAndApp();
        _broken = Consumers.BrokenCatalog();
        _unknownName = Consumers.UnknownCatalogName();
        _autoIncludeOff = Consumers.AutoIncludeOff();

        _twoCatalogsBuild = _twoCatalogs.BuildAsync("TwoCatalogs.csproj");
        _sdkBuild = _sdk.BuildAsync("Acme.App/Acme.App.csproj");
        _brokenBuild = _broken.BuildAsync("BrokenCatalog.csproj");
        _unknownNameBuild = _unknownName.BuildAsync("UnknownCatalogName.csproj");
        _autoIncludeOffBuild = _autoIncludeOff.BuildAsync("AutoIncludeOff.csproj");
    }

    [OneTimeTearDown]
    public Task WaitForBuilds()
        => Task.WhenAll(_twoCatalogsBuild, _sdkBuild, _brokenBuild, _unknownNameBuild, _autoIncludeOffBuild);

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

    [Test]
    public async Task Netstandard_SDK_library_keeps_generated_types_internal_and_a_net10_app_uses_it()
    {
        DotnetResult build = await _sdkBuild;
        Assert.That(build.Succeeded, Is.True, build.ToString());

        DotnetResult run = await _sdk.RunAsync("Acme.App/bin/Debug/net10.0/Acme.App.dll");
        Assert.That(run.Succeeded, Is.True, run.ToString());
        Assert.That(run.StandardOutput, Does.Contain("Acme: AcmeValidationException BAD_PROMPT HTTP 400, retryable: False"));
        Assert.That(run.StandardOutput, Does.Contain("Flow: FlowValidationException BAD_USER_INPUT"));
        Assert.That(run.StandardOutput, Does.Contain("Billing: CardDeclined"));
        Assert.That(run.StandardOutput, Does.Contain("Acme.Sdk.AcmeErrorCode: internal"));
        Assert.That(run.StandardOutput, Does.Contain("Acme.Sdk.AcmeErrors: internal"));
        Assert.That(run.StandardOutput, Does.Contain("Acme.Sdk.AcmeException: internal"));
        Assert.That(run.StandardOutput, Does.Contain("Acme.Sdk.Flow.FlowErrors: internal"));
        Assert.That(run.StandardOutput, Does.Contain("Acme.Sdk.Billing.BillingErrorCode: public"));
    }

    [Test]
    public async Task Build_files_reach_a_project_that_gets_the_package_transitively()
    {
        DotnetResult build = await _sdkBuild;
        Assert.That(build.Succeeded, Is.True, build.ToString());

        // The app references only the library; the package's buildTransitive props still declare the generator's inputs.
        string options = File.ReadAllText(_sdk.PathOf("Acme.App/obj/Debug/net10.0/Acme.App.GeneratedMSBuildEditorConfig.editorconfig"));
        Assert.That(options, Does.Contain("build_property.ErrorCodeGenNamespace"));
        Assert.That(options, Does.Contain("build_property.ErrorCodeGenAccessibility"));
    }

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
