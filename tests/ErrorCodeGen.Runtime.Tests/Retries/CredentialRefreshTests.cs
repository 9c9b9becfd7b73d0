using System;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Threading;
using System.Threading.Tasks;
using ErrorCodeGen;
using ErrorCodeGen.Http;
using NUnit.Framework;

namespace ErrorCodeGen.Runtime.Tests.Retries;

/// <summary>
/// "Refresh credentials, then retry" (issue 13): Flow's 403 is marked <c>refresh_credentials</c> (an expired access token,
/// per Lamatic's SDK docs). With <see cref="ApiErrorRetryOptions.RefreshCredentialsAsync"/> the retry layer refreshes and
/// sends the request again once, whatever its method; without it, the 403 is not retried. Through the handler and Polly.
/// </summary>
[NonParallelizable]
[TestFixture(RetryLayer.Handler)]
[TestFixture(RetryLayer.Polly)]
public class CredentialRefreshTests(RetryLayer layer) : FaultServerFixture(layer)
{
    private string _token = "stale";
    private int _refreshes;

    [SetUp]
    public void Reset()
    {
        _token = "stale";
        _refreshes = 0;
    }

    private RetryClient Client(bool withRefresh)
    {
        var options = new ApiErrorRetryOptions { TimeProvider = Clock };
        if (withRefresh)
        {
            options.RefreshCredentialsAsync = async (error, request, cancellationToken) =>
            {
                Assert.That(error.RequiresCredentialRefresh, Is.True);
                await Task.Yield();
                Interlocked.Increment(ref _refreshes);
                _token = "fresh";
                if (request != null)
                {
                    request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _token);
                }
            };
        }

        return RetryClient.Create(Layer, FlowErrors.Catalog, options, Server.Address);
    }

    private HttpRequestMessage Post(string job)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/jobs/" + job) { Content = new StringContent("{\"query\":\"mutation { executeWorkflow }\"}") };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _token);
        return request;
    }

    [Test]
    public async Task An_expired_token_is_refreshed_and_the_POST_sent_again_with_the_new_one()
    {
        string job = Guid.NewGuid().ToString("N");
        Server.Script(job, Fault.ExpiredToken);
        using RetryClient client = Client(withRefresh: true);

        using HttpResponseMessage response = await client.SendAsync(() => Post(job));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        Assert.That(_refreshes, Is.EqualTo(1));
        Assert.That(Server.Authorizations(job), Is.EqualTo(new[] { "Bearer stale", "Bearer fresh" }));
        Assert.That(Server.Processed(job), Is.EqualTo(1));
        Assert.That(Clock.Waits, Is.Empty, "the retry after a refresh does not wait");
    }

    [Test]
    public async Task Without_a_refresh_the_403_is_returned_at_once()
    {
        string job = Guid.NewGuid().ToString("N");
        Server.Script(job, Fault.ExpiredToken);
        using RetryClient client = Client(withRefresh: false);

        using HttpResponseMessage response = await client.SendAsync(() => Post(job));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That(Server.Authorizations(job), Has.Length.EqualTo(1));
        FlowException error = await FlowErrors.FromResponseAsync(response);
        Assert.That(error.ServerMessage, Does.Contain("expired"), "the body stays readable");
        Assert.That(RetryAdvisor.Decide(error, null, 0).Verdict, Is.EqualTo(RetryVerdict.CredentialsExpired));
    }

    [Test]
    public async Task A_token_still_refused_after_one_refresh_is_not_refreshed_again()
    {
        string job = Guid.NewGuid().ToString("N");
        Server.Script(job, Fault.ExpiredToken, Fault.ExpiredToken, Fault.ExpiredToken);
        using RetryClient client = Client(withRefresh: true);

        using HttpResponseMessage response = await client.SendAsync(() => Post(job));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That(_refreshes, Is.EqualTo(1));
        Assert.That(Server.Authorizations(job), Is.EqualTo(new[] { "Bearer stale", "Bearer fresh" }));
    }
}

/// <summary>The decision itself, without a server.</summary>
public class CredentialRefreshAdviceTests
{
    private static FlowException Expired() => FlowErrors.FromResponse(403, """{"errors":[{"message":"Forbidden"}]}""");

    [Test]
    public void The_catalog_marks_only_the_403()
    {
        Assert.That(FlowErrors.FindStatusRule(403)!.RefreshCredentials, Is.True);
        Assert.That(FlowErrors.FindStatusRule(401)!.RefreshCredentials, Is.False);
        Assert.That(Expired().RequiresCredentialRefresh, Is.True);
        Assert.That(Expired().IsRetryable, Is.False, "never a blind retry");
        Assert.That(FlowErrors.FromResponse(401, "{}").RequiresCredentialRefresh, Is.False);
        Assert.That(CmfyCloudErrors.FromResponse(403, "{}").RequiresCredentialRefresh, Is.False);
    }

    [Test]
    public void Verdicts()
    {
        var without = new ApiErrorRetryOptions();
        var with = new ApiErrorRetryOptions { RefreshCredentialsAsync = (_, _, _) => Task.CompletedTask, MaxRetries = 2 };
        using var post = new HttpRequestMessage(HttpMethod.Post, "https://example.invalid/graphql");

        RetryAdvice none = RetryAdvisor.Decide(Expired(), post, 0, without);
        Assert.That((none.Verdict, none.ShouldRetry, none.VerdictName), Is.EqualTo((RetryVerdict.CredentialsExpired, false, "credentials_expired")));
        Assert.That(none.Reason, Does.Contain("RefreshCredentialsAsync"));

        RetryAdvice refresh = RetryAdvisor.Decide(Expired(), post, 0, with);
        Assert.That((refresh.Verdict, refresh.ShouldRetry, refresh.RefreshesCredentials, refresh.Delay), Is.EqualTo((RetryVerdict.RefreshCredentials, true, true, TimeSpan.Zero)));
        Assert.That(refresh.ToString(), Does.StartWith("refresh credentials, then retry"));
        Assert.That(refresh.VerdictName, Is.EqualTo("refresh_credentials"));

        Assert.That(RetryAdvisor.DecideAfterRefresh(Expired(), post, 1, with, credentialsRefreshed: true).Verdict, Is.EqualTo(RetryVerdict.CredentialsExpired));
        Assert.That(RetryAdvisor.Decide(Expired(), post, 2, with).Verdict, Is.EqualTo(RetryVerdict.RetriesExhausted));

        // Any other error is decided as before.
        RetryAdvice rateLimit = RetryAdvisor.Decide(FlowErrors.FromResponse(429, "{}"), post, 0, with);
        Assert.That(rateLimit.Verdict, Is.EqualTo(RetryVerdict.Retry));
    }
}
