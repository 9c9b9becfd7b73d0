using System;
using System.Collections.Generic;
using ErrorCodeGen.Package.Tests.Infrastructure;

namespace ErrorCodeGen.Package.Tests;

/// <summary>The throwaway consumer projects, each written as a user would write it against the packed version.</summary>
internal static class Consumers
{
    /// <summary>An app (or a test project) that uses the generator itself: the one line; the runtime comes with it.</summary>
    private static string PackageReference => $"""<PackageReference Include="ErrorCodeGen" Version="{PackedPackage.Version}" />""";

    /// <summary>
    /// A library that others reference (an SDK): the generator stays private, the runtime is a reference of its own so
    /// that it, and only it, reaches the library's users. The README's quickstart, line for line.
    /// </summary>
    private static string SdkPackageReferences => $"""
        <PackageReference Include="ErrorCodeGen" Version="{PackedPackage.Version}" PrivateAssets="all" />
            <PackageReference Include="ErrorCodeGen.Runtime" Version="{PackedPackage.Version}" />
        """;

    /// <summary>Scenario 1 and 4: a net8.0 console app using two curated catalogs, with XML documentation.</summary>
    public static ConsumerProject TwoCatalogs() => ConsumerProject.Create("TwoCatalogs", new Dictionary<string, string>
    {
        ["TwoCatalogs.csproj"] = $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net8.0</TargetFramework>
                <Nullable>enable</Nullable>
                <GenerateDocumentationFile>true</GenerateDocumentationFile>
                <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
              </PropertyGroup>
              <ItemGroup>
                {PackageReference}
                <!-- Names are case-insensitive. -->
                <ErrorCodeGenCatalog Include="RunComfyTrainer;cmfycloud" />
              </ItemGroup>
            </Project>
            """,
        ["Program.cs"] = """"
            using System;
            using ErrorCodeGen;
            using TwoCatalogs;

            RunComfyTrainerException trainer = RunComfyTrainerErrors.FromResponse(422, """{"error_code": 42258, "message": "FLUX.2 training settings have a high OOM risk"}""");
            Console.WriteLine($"RunComfyTrainer: {trainer.GetType().Name} {trainer.Code} HTTP {trainer.HttpStatus}, retryable: {trainer.IsRetryable}");
            Console.WriteLine($"RunComfyTrainer remediation: {trainer.Remediation?.Split('\n')[0]}");

            CmfyCloudException cmfy = CmfyCloudErrors.FromResponse(429, """{"error": {"code": "rate_limit_exceeded", "message": "Rate limit exceeded", "retry_after": 45, "request_id": "req_abc123"}}""");
            Console.WriteLine($"CmfyCloud: {cmfy.GetType().Name} {cmfy.Code} HTTP {cmfy.HttpStatus}, retryable: {cmfy.IsRetryable}, retry after {cmfy.RetryAfter?.TotalSeconds}s");

            try
            {
                throw trainer;
            }
            catch (RunComfyTrainerValidationException ex) when (ex.Code == RunComfyTrainerErrorCode.Flux2OomRisk)
            {
                Console.WriteLine("Caught by exception group and code.");
            }
            """",
    });

    /// <summary>
    /// The retry layer from the packages: the runtime's <c>ApiErrorRetryHandler</c> and the <c>ErrorCodeGen.Polly</c>
    /// adapter, over a scripted handler (no network): a 429 with <c>Retry-After: 0</c> is retried, a POST that got a 500
    /// is not.
    /// </summary>
    public static ConsumerProject RetryLayer() => ConsumerProject.Create("RetryLayer", new Dictionary<string, string>
    {
        ["RetryLayer.csproj"] = $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net8.0</TargetFramework>
                <Nullable>enable</Nullable>
                <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
              </PropertyGroup>
              <ItemGroup>
                {PackageReference}
                <PackageReference Include="ErrorCodeGen.Polly" Version="{PackedPackage.Version}" />
                <ErrorCodeGenCatalog Include="CmfyCloud" />
              </ItemGroup>
            </Project>
            """,
        ["Program.cs"] = """"
            using System;
            using System.Net;
            using System.Net.Http;
            using System.Threading;
            using System.Threading.Tasks;
            using ErrorCodeGen.Http;
            using ErrorCodeGen.Polly;
            using Polly;
            using RetryLayer;

            var script = new Scripted();
            using var handlerClient = new HttpClient(new ApiErrorRetryHandler(script, CmfyCloudErrors.Catalog)) { BaseAddress = new Uri("http://127.0.0.1:9/") };
            script.Next(429, 200);
            using (HttpResponseMessage r = await handlerClient.GetAsync("/api/v1/jobs/1"))
            {
                Console.WriteLine($"Handler GET: {(int)r.StatusCode} after {script.Calls} attempts");
            }

            ResiliencePipeline<HttpResponseMessage> pipeline = new ResiliencePipelineBuilder<HttpResponseMessage>()
                .AddApiErrorRetry(CmfyCloudErrors.Catalog)
                .Build();
            using var plain = new HttpClient(script) { BaseAddress = new Uri("http://127.0.0.1:9/") };
            script.Next(429, 200);
            using (HttpResponseMessage r = await pipeline.SendAsync(plain, () => new HttpRequestMessage(HttpMethod.Post, "/api/v1/jobs")))
            {
                Console.WriteLine($"Polly POST after 429: {(int)r.StatusCode} after {script.Calls} attempts");
            }

            script.Next(500, 200);
            using (HttpResponseMessage r = await pipeline.SendAsync(plain, () => new HttpRequestMessage(HttpMethod.Post, "/api/v1/jobs")))
            {
                CmfyCloudException ex = await CmfyCloudErrors.FromResponseAsync(r);
                Console.WriteLine($"Polly POST after 500: {(int)r.StatusCode} after {script.Calls} attempt, {ex.Code}");
            }

            /// <summary>Answers with the scripted statuses in turn, as cmfy.cloud would.</summary>
            internal sealed class Scripted : HttpMessageHandler
            {
                private int[] _statuses = Array.Empty<int>();

                public int Calls { get; private set; }

                public void Next(params int[] statuses)
                {
                    _statuses = statuses;
                    Calls = 0;
                }

                protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
                {
                    int status = _statuses[Math.Min(Calls++, _statuses.Length - 1)];
                    var response = new HttpResponseMessage((HttpStatusCode)status) { RequestMessage = request };
                    response.Content = status switch
                    {
                        429 => new StringContent("{\"error\":{\"code\":\"rate_limit_exceeded\",\"message\":\"Rate limit exceeded\"}}"),
                        500 => new StringContent("{\"error\":{\"code\":\"internal_error\",\"message\":\"Internal error\"}}"),
                        _ => new StringContent("{}"),
                    };
                    if (status == 429)
                    {
                        response.Headers.Add("Retry-After", "0");
                    }

                    return Task.FromResult(response);
                }
            }
            """",
    });

    /// <summary>
    /// Scenario 2, the chain app → SDK → ErrorCodeGen: a netstandard2.0 SDK library with its own catalogs and internal
    /// generated types, consumed by a net10.0 app through a ProjectReference (Acme.App) and, once packed, through a
    /// PackageReference (Acme.PackedApp). A stale copy of its catalog under bin/ must not be picked up (it would be a
    /// duplicate provider).
    /// </summary>
    public static ConsumerProject SdkLibraryAndApp() => ConsumerProject.Create("SdkLibrary", WithAppOnThePackage(new Dictionary<string, string>
    {
        ["Acme.Sdk/Acme.Sdk.csproj"] = $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFramework>netstandard2.0</TargetFramework>
                <RootNamespace>Acme.Sdk</RootNamespace>
                <GenerateDocumentationFile>true</GenerateDocumentationFile>
                <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
                <!-- The SDK's public surface is its own: generated types are internal unless a catalog says otherwise. -->
                <ErrorCodeGenAccessibility>internal</ErrorCodeGenAccessibility>
              </PropertyGroup>
              <ItemGroup>
                {SdkPackageReferences}
                <!-- Listed with its own metadata (the auto-include leaves a listed file alone). -->
                <AdditionalFiles Include="Billing/billing.errors.yaml" ErrorCodeGenNamespace="Acme.Sdk.Billing" ErrorCodeGenAccessibility="public" />
                <ErrorCodeGenCatalog Include="Flow" Namespace="Acme.Sdk.Flow" />
              </ItemGroup>
            </Project>
            """,
        ["Acme.Sdk/Errors/acme.errors.yaml"] = AcmeCatalog,
        ["Acme.Sdk/bin/stale/acme.errors.yaml"] = AcmeCatalog,
        // A declared JSON error shape (provider.shape), through the packed generator and runtime.
        ["Acme.Sdk/Errors/search.errors.yaml"] = """
            schema: errorcodegen/v1
            provider:
              name: Search
              title: Acme Search API
              format: json
              shape:
                error: /error
                code: [/code, /type]
                message: /message
                request_id: /request_id
            errors:
              - code: query_too_long
                http: 400
                retryable: false
                summary: The query is too long.
            """,
        ["Acme.Sdk/Billing/billing.errors.yaml"] = """
            schema: errorcodegen/v1
            provider:
              name: Billing
              title: Acme Billing API
              format: runcomfy
            errors:
              - code: 2001
                name: CARD_DECLINED
                http: 402
                retryable: false
                summary: The card was declined.
                remediation: Ask the customer for another card.
            """,
        ["Acme.Sdk/AcmeClient.cs"] = """
            using ErrorCodeGen;

            namespace Acme.Sdk
            {
                /// <summary>The SDK's entry point.</summary>
                public static class AcmeClient
                {
                    /// <summary>Turns an Acme error response into an exception (of an internal generated type).</summary>
                    public static ApiErrorException Classify(int status, string body) => AcmeErrors.FromResponse(status, body);

                    /// <summary>Turns a Search error response (a declared JSON shape) into an exception.</summary>
                    public static ApiErrorException ClassifySearch(int status, string body) => SearchErrors.FromResponse(status, body);

                    /// <summary>Turns a Flow GraphQL response into an exception.</summary>
                    public static ApiErrorException ClassifyFlow(int status, string body) => Flow.FlowErrors.FromResponse(status, body);

                    /// <summary>A billing code: public, so it may appear in the SDK's public surface.</summary>
                    public static Billing.BillingErrorCode BillingCode(string body) => Billing.BillingErrors.FromResponse(402, body).Code;

                    /// <summary>What a call does when the API answers with an error: throws.</summary>
                    /// <exception cref="ApiErrorException">Always, classified from the response.</exception>
                    public static void Submit(int status, string body) => throw AcmeErrors.FromResponse(status, body);
                }
            }
            """,
        ["Acme.App/Acme.App.csproj"] = """
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
              </PropertyGroup>
              <ItemGroup>
                <ProjectReference Include="../Acme.Sdk/Acme.Sdk.csproj" />
              </ItemGroup>
            </Project>
            """,
        ["Acme.App/Program.cs"] = """"
            using System;
            using System.Reflection;
            using Acme.Sdk;
            using ErrorCodeGen;

            ApiErrorException acme = AcmeClient.Classify(400, """{"error_code": 1001, "message": "prompt is empty"}""");
            Console.WriteLine($"Acme: {acme.GetType().Name} {acme.Descriptor?.Name} HTTP {acme.HttpStatus}, retryable: {acme.IsRetryable}");
            ApiErrorException flow = AcmeClient.ClassifyFlow(200, """{"data": null, "errors": [{"message": "Variable $payload got invalid value", "extensions": {"code": "BAD_USER_INPUT"}}]}""");
            Console.WriteLine($"Flow: {flow.GetType().Name} {flow.RawCode}");
            Console.WriteLine($"Billing: {AcmeClient.BillingCode("""{"error_code": 2001, "message": "declined"}""")}");
            ApiErrorException search = AcmeClient.ClassifySearch(400, """{"error": {"type": "query_too_long", "code": null, "message": "at most 256 characters"}, "request_id": "req_9"}""");
            Console.WriteLine($"Search: {search.Descriptor?.Code} {search.ServerMessage} {search.RequestId} {search.Response.Format}");

            try
            {
                AcmeClient.Submit(503, """{"error_code": 5031, "message": "busy"}""");
                Console.WriteLine("Nothing was thrown.");
            }
            catch (ApiErrorException ex) when (ex.IsRetryable)
            {
                Console.WriteLine($"Caught from the SDK: {ex.Provider} {ex.RawCode} HTTP {ex.HttpStatus}, retryable: {ex.IsRetryable}");
            }

            Assembly sdk = typeof(AcmeClient).Assembly;
            foreach (string name in new[] { "Acme.Sdk.AcmeErrorCode", "Acme.Sdk.AcmeErrors", "Acme.Sdk.AcmeException", "Acme.Sdk.Flow.FlowErrors", "Acme.Sdk.Billing.BillingErrorCode" })
            {
                Type? type = sdk.GetType(name);
                Console.WriteLine($"{name}: {(type is null ? "missing" : type.IsPublic ? "public" : "internal")}");
            }
            """",
    }));

    /// <summary>Adds Acme.PackedApp: the same app as Acme.App, on the SDK's package instead of its project.</summary>
    private static Dictionary<string, string> WithAppOnThePackage(Dictionary<string, string> files)
    {
        files["Acme.PackedApp/Acme.PackedApp.csproj"] = files["Acme.App/Acme.App.csproj"].Replace(
            """<ProjectReference Include="../Acme.Sdk/Acme.Sdk.csproj" />""",
            $"""<PackageReference Include="Acme.Sdk" Version="{PackedPackage.Version}" />""",
            StringComparison.Ordinal);
        files["Acme.PackedApp/Program.cs"] = files["Acme.App/Program.cs"];
        return files;
    }

    private const string AcmeCatalog = """
        schema: errorcodegen/v1
        provider:
          name: Acme
          title: Acme Image API
          format: runcomfy
        exceptions:
          - name: Validation
            summary: The request was rejected as invalid.
        statuses:
          - status: 503
            retryable: true
            summary: The service is briefly unavailable.
        errors:
          - code: 1001
            name: BAD_PROMPT
            http: 400
            retryable: false
            exception: Validation
            summary: The prompt is empty.
            remediation: Send a non-empty `prompt`.
        """;

    /// <summary>Scenario 3: a catalog with a mistake on line 7.</summary>
    public static ConsumerProject BrokenCatalog() => ConsumerProject.Create("BrokenCatalog", new Dictionary<string, string>
    {
        ["BrokenCatalog.csproj"] = $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
              </PropertyGroup>
              <ItemGroup>
                {PackageReference}
              </ItemGroup>
            </Project>
            """,
        ["bad.errors.yaml"] = """
            schema: errorcodegen/v1
            provider:
              name: Broken
              title: Broken API
              format: runcomfy
            errors:
              - retryable: maybe
                code: 1001
                summary: The value of retryable above is not a boolean.
            """,
    });

    /// <summary>A curated catalog name that does not exist.</summary>
    public static ConsumerProject UnknownCatalogName() => ConsumerProject.Create("UnknownCatalogName", new Dictionary<string, string>
    {
        ["UnknownCatalogName.csproj"] = $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
              </PropertyGroup>
              <ItemGroup>
                {PackageReference}
                <ErrorCodeGenCatalog Include="RunComfyTrainer;OpenAI" />
              </ItemGroup>
            </Project>
            """,
    });

    /// <summary>ErrorCodeGenAutoInclude=false: only the catalog the project lists is generated.</summary>
    public static ConsumerProject AutoIncludeOff() => ConsumerProject.Create("AutoIncludeOff", new Dictionary<string, string>
    {
        ["AutoIncludeOff.csproj"] = $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
                <ErrorCodeGenAutoInclude>false</ErrorCodeGenAutoInclude>
              </PropertyGroup>
              <ItemGroup>
                {PackageReference}
                <AdditionalFiles Include="alpha.errors.yaml" />
              </ItemGroup>
            </Project>
            """,
        ["alpha.errors.yaml"] = SmallCatalog("Alpha"),
        ["beta.errors.yaml"] = SmallCatalog("Beta"),
        ["Program.cs"] = """
            using System;

            foreach (string provider in new[] { "Alpha", "Beta" })
            {
                bool generated = typeof(Program).Assembly.GetType("AutoIncludeOff." + provider + "ErrorCode") is not null;
                Console.WriteLine($"{provider}: {(generated ? "generated" : "not generated")}");
            }
            """,
    });

    /// <summary>
    /// A library that references the generator privately, as the README writes it, and forgets the runtime: the build
    /// warns (ECG1003). Built with the curated catalogs' folder given on the command line without a trailing slash.
    /// </summary>
    public static ConsumerProject PrivateGeneratorOnly() => ConsumerProject.Create("PrivateGeneratorOnly", new Dictionary<string, string>
    {
        ["PrivateGeneratorOnly.csproj"] = $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <ErrorCodeGenAutoInclude>false</ErrorCodeGenAutoInclude>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="ErrorCodeGen" Version="{PackedPackage.Version}" PrivateAssets="all" />
                <ErrorCodeGenCatalog Include="CmfyCloud" />
              </ItemGroup>
            </Project>
            """,
        ["Client.cs"] = """
            namespace PrivateGeneratorOnly;

            public static class Client
            {
                public static string Code(string body) => CmfyCloudErrors.FromResponse(429, body).Code.ToString();
            }
            """,
    });

    private static string SmallCatalog(string provider) => $"""
        schema: errorcodegen/v1
        provider:
          name: {provider}
          title: {provider} API
          format: runcomfy
        errors:
          - code: 1
            retryable: false
            summary: Something went wrong.
        """;
}
