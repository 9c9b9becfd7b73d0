using System;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Threading.Tasks;
using ErrorCodeGen;
using ErrorCodeGen.Http;
using NUnit.Framework;

namespace ErrorCodeGen.Runtime.Tests.Retries;

/// <summary>
/// The backoff a catalog states (<c>backoff:</c>: base, cap, jitter, attempts; cmfy.cloud's page: 1 s, 60 s, 10%, 5
/// attempts, 3 for a 429) and its precedence: a value the caller sets on <see cref="ApiErrorRetryOptions"/> wins, the
/// catalog's beats the built-in default. Through <see cref="ApiErrorException.GetRetryDelay(int)"/>,
/// <see cref="RetryAdvisor"/>, and the retry handler and the Polly strategy against the fault server.
/// </summary>
[NonParallelizable]
[TestFixture(RetryLayer.Handler)]
[TestFixture(RetryLayer.Polly)]
public class CatalogBackoffTests(RetryLayer layer) : FaultServerFixture(layer)
{
    private RetryClient Client(IErrorCatalog catalog, ApiErrorRetryOptions? options = null)
    {
        options ??= new ApiErrorRetryOptions();
        options.TimeProvider = Clock;
        return RetryClient.Create(Layer, catalog, options, Server.Address);
    }

    private static HttpRequestMessage Get() => new HttpRequestMessage(HttpMethod.Get, "https://api.cmfy.cloud/v1/jobs/1");

    [Test]
    public void The_provider_and_code_parameters_are_merged_on_the_exception()
    {
        CmfyCloudException server = CmfyCloudErrors.Create(CmfyCloudErrorCode.InternalError, 500);
        Assert.That(server.RetryParameters, Is.Not.Null);
        Assert.That((server.RetryParameters!.BaseDelay, server.RetryParameters.MaxBackoff, server.RetryParameters.Jitter, server.RetryParameters.MaxAttempts),
            Is.EqualTo(((TimeSpan?)TimeSpan.FromSeconds(1), (TimeSpan?)TimeSpan.FromSeconds(60), (double?)0.1, (int?)5)));

        CmfyCloudException queueFull = CmfyCloudErrors.Create(CmfyCloudErrorCode.QueueFull, 429);
        Assert.That(queueFull.Descriptor!.RetryParameters!.MaxAttempts, Is.EqualTo(3), "the code's own: the 429 example's maxRetries = 3");
        Assert.That((queueFull.RetryParameters!.MaxAttempts, queueFull.RetryParameters.BaseDelay), Is.EqualTo(((int?)3, (TimeSpan?)TimeSpan.FromSeconds(1))), "the rest from the provider");

        Assert.That(RunComfyTrainerErrors.Create(RunComfyTrainerErrorCode.DatasetInternalError, 500).RetryParameters, Is.Null, "a catalog that states none");
    }

    [Test]
    public void GetRetryDelay_doubles_from_the_catalogs_base_up_to_its_cap_without_jitter()
    {
        CmfyCloudException server = CmfyCloudErrors.Create(CmfyCloudErrorCode.InternalError, 500);
        Assert.That(Enumerable.Range(0, 8).Select(a => server.GetRetryDelay(a)!.Value.TotalSeconds), Is.EqualTo(new double[] { 1, 2, 4, 8, 16, 32, 60, 60 }));

        // A hand-made catalog with another base and cap shows the values are the catalog's, not the built-in ones.
        var factory = new CatalogFactory("Acme", null);
        var rules = factory.ProviderRules(RetrySource.Code, new RetryParameters(baseDelay: TimeSpan.FromMilliseconds(250), maxBackoff: TimeSpan.FromSeconds(1)));
        var ex = new AcmeException(rules, factory.StatusRule(503, isRetryable: true));
        Assert.That(Enumerable.Range(0, 5).Select(a => ex.GetRetryDelay(a)!.Value.TotalMilliseconds), Is.EqualTo(new double[] { 250, 500, 1000, 1000, 1000 }));
        Assert.That(new AcmeException(null, factory.StatusRule(503, isRetryable: true)).GetRetryDelay(3), Is.EqualTo(TimeSpan.FromSeconds(8)), "without the catalog's: the built-in 1 s doubling");
    }

    [Test]
    public void The_callers_options_win_over_the_catalog_and_the_catalog_over_the_default()
    {
        CmfyCloudException server = CmfyCloudErrors.Create(CmfyCloudErrorCode.InternalError, 500);
        CmfyCloudException queueFull = CmfyCloudErrors.Create(CmfyCloudErrorCode.QueueFull, 429);

        Assert.That(RetryAdvisor.MaxRetries(server, null), Is.EqualTo(4), "the catalog's 5 attempts");
        Assert.That(RetryAdvisor.MaxRetries(queueFull, new ApiErrorRetryOptions()), Is.EqualTo(2), "the code's 3 attempts");
        Assert.That(RetryAdvisor.MaxRetries(server, new ApiErrorRetryOptions { MaxRetries = 7 }), Is.EqualTo(7), "a value the caller set wins");
        Assert.That(RetryAdvisor.MaxRetries(server, new ApiErrorRetryOptions { MaxRetries = 3 }), Is.EqualTo(3), "even when it is the default's value");
        Assert.That(new ApiErrorRetryOptions().MaxRetriesIsSet, Is.False);
        Assert.That(RetryAdvisor.MaxRetries(RunComfyTrainerErrors.Create(RunComfyTrainerErrorCode.DatasetInternalError, 500), null), Is.EqualTo(3), "neither says: 3");

        var noJitter = new ApiErrorRetryOptions { UseJitter = false };
        Assert.That(RetryAdvisor.Decide(server, Get(), 2, noJitter).Delay, Is.EqualTo(TimeSpan.FromSeconds(4)));
        var ownBackoff = new ApiErrorRetryOptions { UseJitter = false, BackoffBase = TimeSpan.FromMilliseconds(100), BackoffCap = TimeSpan.FromMilliseconds(300) };
        Assert.That(Enumerable.Range(0, 4).Select(a => RetryAdvisor.Decide(server, Get(), a, ownBackoff).Delay.TotalMilliseconds), Is.EqualTo(new double[] { 100, 200, 300, 300 }));

        for (int i = 0; i < 200; i++)
        {
            TimeSpan wait = RetryAdvisor.Decide(server, Get(), 3).Delay;
            Assert.That(wait, Is.InRange(TimeSpan.FromSeconds(8), TimeSpan.FromSeconds(8.8)), "the catalog's jitter: up to 10% more");
        }

        TimeSpan capped = RetryAdvisor.Decide(server, Get(), 6, new ApiErrorRetryOptions { MaxRetries = 10 }).Delay;
        Assert.That(capped, Is.EqualTo(TimeSpan.FromSeconds(60)), "jitter past the cap never turns a retry into none at the default 60 s MaxDelay");
    }

    [Test]
    public async Task Cmfy_clouds_503_is_tried_five_times_with_its_own_backoff()
    {
        string job = Guid.NewGuid().ToString("N");
        Server.Script(job, Fault.Unavailable, Fault.Unavailable, Fault.Unavailable, Fault.Unavailable, Fault.Unavailable, Fault.Unavailable);
        using RetryClient client = Client(CmfyCloudErrors.Catalog, new ApiErrorRetryOptions { UseJitter = false });

        using HttpResponseMessage response = await client.GetAsync("/jobs/" + job);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
        Assert.That(Server.Processed(job), Is.Zero);
        Assert.That(Clock.Waits, Is.EqualTo(new[] { 1, 2, 4, 8 }.Select(s => TimeSpan.FromSeconds(s))), "5 attempts: the first and 4 retries, 1 s doubling");
    }

    [Test]
    public async Task Cmfy_clouds_html_502_is_retried_as_a_server_error()
    {
        string job = Guid.NewGuid().ToString("N");
        Server.Script(job, Fault.HtmlBadGateway, Fault.HtmlBadGateway);
        using RetryClient client = Client(CmfyCloudErrors.Catalog, new ApiErrorRetryOptions { UseJitter = false });

        using HttpResponseMessage response = await client.GetAsync("/jobs/" + job);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(Clock.Waits, Is.EqualTo(new[] { TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2) }));
    }

    [Test]
    public async Task The_callers_MaxRetries_wins_in_the_handler_and_the_strategy()
    {
        string job = Guid.NewGuid().ToString("N");
        Server.Script(job, Fault.Unavailable, Fault.Unavailable, Fault.Unavailable, Fault.Unavailable, Fault.Unavailable);
        using RetryClient client = Client(CmfyCloudErrors.Catalog, new ApiErrorRetryOptions { UseJitter = false, MaxRetries = 1 });

        using HttpResponseMessage response = await client.GetAsync("/jobs/" + job);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
        Assert.That(Clock.Waits, Is.EqualTo(new[] { TimeSpan.FromSeconds(1) }));
    }

    [Test]
    public async Task A_catalog_without_a_backoff_keeps_the_defaults()
    {
        string job = Guid.NewGuid().ToString("N");
        Server.Script(job, Fault.Unavailable, Fault.Unavailable, Fault.Unavailable, Fault.Unavailable, Fault.Unavailable);
        using RetryClient client = Client(RunComfyTrainerErrors.Catalog, new ApiErrorRetryOptions { UseJitter = false });

        using HttpResponseMessage response = await client.GetAsync("/jobs/" + job);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
        Assert.That(Clock.Waits, Is.EqualTo(new[] { 1, 2, 4 }.Select(s => TimeSpan.FromSeconds(s))), "3 retries, 1 s doubling");
    }

    /// <summary>A hand-written provider exception created with provider rules, as generated code does.</summary>
    private sealed class AcmeException(ProviderRules? rules, StatusRule rule)
        : ApiErrorException(rules ?? new CatalogFactory("Acme", null).ProviderRules(RetrySource.Code), Read(rule), null, rule, null)
    {
        private static ErrorResponse Read(StatusRule rule)
            => ErrorResponseReader.Read(ErrorWireFormat.Cmfy, rule.HttpStatus, "<html></html>", null);
    }
}
