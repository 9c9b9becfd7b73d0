using System;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Net.Sockets;
using ErrorCodeGen;
using NUnit.Framework;

namespace ErrorCodeGen.Runtime.Tests.CatalogFacts;

/// <summary>
/// The catalog's <c>transport:</c> rules (cmfy.cloud's "Timeout" and "Connection error" rows), <c>provider.support</c>
/// (RunComfy and Flow) and <c>sections:</c> (the Trainer page's endpoint scopes), as the generated code carries them.
/// </summary>
public class TransportAndSupportTests
{
    private static HttpRequestMessage Get() => new HttpRequestMessage(HttpMethod.Get, "https://api.cmfy.cloud/v1/jobs/1");

    private static HttpRequestMessage Post() => new HttpRequestMessage(HttpMethod.Post, "https://api.cmfy.cloud/v1/jobs");

    [Test]
    public void A_timeout_gets_cmfy_clouds_timeout_rule()
    {
        CmfyCloudException ex = CmfyCloudErrors.FromTransportFailure(new TimeoutException("slow"), Get());

        Assert.That(ex, Is.TypeOf<CmfyCloudServerException>(), "the page's client: except Timeout: raise ServerError(\"Request timed out\")");
        Assert.That(ex.TransportRule, Is.Not.Null);
        Assert.That(ex.TransportRule!.Failure, Is.EqualTo(TransportFailureKind.Timeout));
        Assert.That(ex.IsRetryable, Is.True);
        Assert.That(ex.RetryStrategy, Is.EqualTo(RetryStrategy.Backoff));
        Assert.That(ex.Remediation, Is.EqualTo("May need longer timeout."));
        Assert.That(ex.HttpStatus, Is.Null);
    }

    [Test]
    public void A_connection_error_gets_the_connection_rule_through_every_entry_point()
    {
        var refused = new HttpRequestException("Connection refused", new SocketException((int)SocketError.ConnectionRefused));
        ApiErrorException[] all =
        {
            CmfyCloudErrors.FromTransportFailure(refused, Post()),
            CmfyCloudErrors.Catalog.FromTransportFailure(refused, Post()),
            CmfyCloudErrors.FromErrorResponse(ErrorResponseReader.FromTransportFailure(CmfyCloudErrors.WireFormat, refused, Post())),
        };

        foreach (ApiErrorException ex in all)
        {
            Assert.That(ex, Is.TypeOf<CmfyCloudServerException>());
            Assert.That(ex.TransportRule!.Failure, Is.EqualTo(TransportFailureKind.Connection));
            Assert.That(ex.Remediation, Is.EqualTo("With exponential backoff."));
            Assert.That(ex.IsRetryable, Is.True, "refused: never sent, so even a POST may be repeated");
        }
    }

    [Test]
    public void A_transport_rule_cannot_make_an_unsafe_repeat_safe()
    {
        // A POST whose connection broke off may have been acted on: the catalog says "retry", the request says no.
        CmfyCloudException reset = CmfyCloudErrors.FromTransportFailure(new IOException("Connection reset by peer"), Post());
        Assert.That(reset.TransportRule!.Failure, Is.EqualTo(TransportFailureKind.Connection));
        Assert.That(reset.IsRetryable, Is.False);
        Assert.That(RetryAdvisor.Decide(reset, Post(), 0).ShouldRetry, Is.False);
        Assert.That(CmfyCloudErrors.FromTransportFailure(new IOException("reset"), Get()).IsRetryable, Is.True);
    }

    [Test]
    public void A_catalog_without_transport_rules_keeps_todays_classification()
    {
        RunComfyTrainerException ex = RunComfyTrainerErrors.FromTransportFailure(new TimeoutException("slow"), Get());
        Assert.That(ex.TransportRule, Is.Null);
        Assert.That(ex, Is.TypeOf<RunComfyTrainerException>());
        Assert.That(ex.IsRetryable, Is.True, "a GET may be repeated");
    }

    [Test]
    public void The_kind_of_a_transport_failure()
    {
        Assert.That(TransportRule.KindOf(new TimeoutException()), Is.EqualTo(TransportFailureKind.Timeout));
        Assert.That(TransportRule.KindOf(new OperationCanceledException()), Is.EqualTo(TransportFailureKind.Timeout));
        Assert.That(TransportRule.KindOf(new HttpRequestException("x", new SocketException((int)SocketError.ConnectionRefused))), Is.EqualTo(TransportFailureKind.Connection));
        Assert.That(TransportRule.KindOf(new IOException("reset")), Is.EqualTo(TransportFailureKind.Connection));
    }

    [Test]
    public void RunComfys_support_contact_ends_every_remediation()
    {
        RunComfyServerlessException ex = RunComfyServerlessErrors.Create(RunComfyServerlessErrorCode.InternalServerError, 500);
        Assert.That(ex.Support, Is.Not.Null);
        Assert.That(ex.Support!.Contact, Is.EqualTo("hi@runcomfy.com"));
        Assert.That(ex.Support.Include, Is.EqualTo(new[] { "the full error response" }));
        Assert.That(ex.Remediation, Does.EndWith("\n\nSupport: hi@runcomfy.com; send the full error response."));
        Assert.That(ex.Remediation, Does.StartWith(ex.Descriptor!.Remediation), "the code's remediation first");

        RunComfyTrainerException trainer = RunComfyTrainerErrors.FromResponse(500, "<html>oops</html>");
        Assert.That(trainer.Support!.Include, Has.Some.Contains("dataset_id").And.Some.Contains("job_id"));
        Assert.That(trainer.Remediation, Does.Contain("Support: RunComfy support (hi@runcomfy.com)"));
    }

    [Test]
    public void Flows_support_is_shown_even_where_there_is_no_other_remediation()
    {
        FlowException ex = FlowErrors.FromResponse(418, "teapot");
        Assert.That(ex.StatusRule, Is.Null);
        Assert.That(ex.Remediation, Is.EqualTo(FlowErrors.ProviderRules.Support!.Text));
        Assert.That(ex.Support!.Contact, Does.Contain("community Slack"));
    }

    [Test]
    public void A_provider_without_support_has_no_support_paragraph()
    {
        CmfyCloudException ex = CmfyCloudErrors.Create(CmfyCloudErrorCode.InvalidApiKey, 401);
        Assert.That(ex.Support, Is.Null);
        Assert.That(ex.Remediation, Does.Not.Contain("Support:"));
    }

    [Test]
    public void Generic_trainer_codes_carry_their_sections_endpoints()
    {
        Assert.That(RunComfyTrainerErrors.Describe(RunComfyTrainerErrorCode.DatasetInternalError).Endpoints, Is.EqualTo(new[] { "/prod/v1/trainers/datasets" }));
        Assert.That(RunComfyTrainerErrors.Describe(RunComfyTrainerErrorCode.DatasetProcessingFailed).Endpoints, Is.EqualTo(new[] { "/prod/v1/trainers/datasets" }));
        Assert.That(RunComfyTrainerErrors.Describe(RunComfyTrainerErrorCode.JobInternalError).Endpoints, Is.EqualTo(new[] { "/prod/v1/trainers/ai-toolkit/jobs" }));
        Assert.That(RunComfyTrainerErrors.Describe(RunComfyTrainerErrorCode.UploadIoError).Endpoints, Is.EqualTo(new[] { "POST /prod/v1/trainers/datasets/{dataset_id}/upload" }), "a code's own endpoints win");
        foreach (ErrorDescriptor d in RunComfyTrainerErrors.All)
        {
            string prefix = d.Category == "Dataset" ? "/prod/v1/trainers/datasets" : "/prod/v1/trainers/ai-toolkit/jobs";
            Assert.That(d.Endpoints, Is.Not.Empty, d.Code);
            Assert.That(d.Endpoints.All(e => e.Contains(prefix) || e.StartsWith("Any endpoint that takes", System.StringComparison.Ordinal)), Is.True, d.Code + ": " + string.Join("; ", d.Endpoints));
        }
    }
}
