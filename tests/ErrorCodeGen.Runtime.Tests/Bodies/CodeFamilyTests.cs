using System.Linq;
using ErrorCodeGen;
using NUnit.Framework;

namespace ErrorCodeGen.Runtime.Tests.Bodies;

/// <summary>
/// Open code families (issue 13): Runware's catalog declares the families its official SDKs classify by (prefix, suffix,
/// contains), and an unknown code that matches one is classified by it while Code stays Unknown and RawCode keeps it.
/// </summary>
public class CodeFamilyTests
{
    private static RunwareException Ws(string code, string message = "m")
        => RunwareErrors.FromMessage("{\"errors\":[{\"code\":\"" + code + "\",\"message\":\"" + message + "\",\"taskUUID\":\"t-1\"}]}");

    [TestCase("invalidHeight", "Validation", typeof(RunwareValidationException), false)]
    [TestCase("missingPositivePrompt", "Validation", typeof(RunwareValidationException), false)]
    [TestCase("unsupportedScheduler", "Validation", typeof(RunwareValidationException), false)]
    [TestCase("duplicateTaskUUID", "Validation", typeof(RunwareValidationException), false)]
    [TestCase("conflictingLoras", "Validation", typeof(RunwareValidationException), false)]
    [TestCase("maxImagesExceeded", "Validation", typeof(RunwareValidationException), false)]
    [TestCase("imageRateLimitHit", "RateLimit", typeof(RunwareRateLimitException), true)]
    [TestCase("upstreamTIMEOUT", "Timeout", typeof(RunwareProviderException), true)]
    [TestCase("timeoutUpstream", "Timeout", typeof(RunwareProviderException), true)]
    [TestCase("providerOverloaded", "ProviderIssue", typeof(RunwareProviderException), true)]
    [TestCase("notEnoughCreditsLeft", "Billing", typeof(RunwarePaymentException), false)]
    [TestCase("monthlyQuotaReached", "Billing", typeof(RunwarePaymentException), false)]
    [TestCase("lowBalance", "Billing", typeof(RunwarePaymentException), false)]
    [TestCase("modelNotFound", "NotFound", typeof(RunwareNotFoundException), false)]
    [TestCase("presignedUrlExpired", "NotFound", typeof(RunwareNotFoundException), false)]
    [TestCase("CONTENTPOLICYblock", "ContentPolicy", typeof(RunwareContentPolicyException), false)]
    [TestCase("revokedApiKey", "ApiKey", typeof(RunwareAuthenticationException), false)]
    public void An_unknown_code_of_a_family_is_classified_by_it(string code, string family, System.Type exception, bool retryable)
    {
        RunwareException ex = Ws(code);

        Assert.That(ex.Code, Is.EqualTo(RunwareErrorCode.Unknown));
        Assert.That(ex.Descriptor, Is.Null);
        Assert.That(ex.RawCode, Is.EqualTo(code));
        Assert.That(ex.Family?.Name, Is.EqualTo(family));
        Assert.That(ex, Is.TypeOf(exception));
        Assert.That(ex.ErrorGroup, Is.EqualTo(ex.Family!.ErrorGroup));
        Assert.That(ex.IsRetryable, Is.EqualTo(retryable), "no status over a WebSocket: the family decides");
        Assert.That(ex.Remediation, Is.EqualTo(ex.Family.Remediation + "\n\n" + ex.Support!.Text), "the family's remediation, then the provider's support paragraph");
        Assert.That(ex.Family.Source, Does.Contain("Runware/runware-typescript"));
        Assert.That(ex.Message, Does.Contain("'" + code + "'").And.Contain("(family " + family + ")"));
    }

    [TestCase("timeoutProvider", RunwareErrorCode.TimeoutProvider)]
    [TestCase("providerRateLimitExceeded", RunwareErrorCode.ProviderRateLimitExceeded)]
    [TestCase("insufficientCredits", RunwareErrorCode.InsufficientCredits)]
    [TestCase("conflictTaskUUID", RunwareErrorCode.ConflictTaskUUID)]
    [TestCase("tokenExpired", RunwareErrorCode.TokenExpired)]
    public void A_listed_code_beats_every_family(string code, RunwareErrorCode expected)
    {
        RunwareException ex = Ws(code);

        Assert.That(ex.Code, Is.EqualTo(expected));
        Assert.That(ex.Descriptor, Is.Not.Null);
        Assert.That(ex.Family, Is.Null);
    }

    [Test]
    public void Listed_codes_the_families_would_get_wrong_keep_their_own_advice()
    {
        // tokenExpired ends with Expired (NotFound) and authTimeout contains Timeout (retried): the SDKs test their auth
        // codes first, and so does the catalog, by listing them.
        Assert.That(Ws("tokenExpired"), Is.TypeOf<RunwareAuthenticationException>());
        RunwareException authTimeout = Ws("authTimeout");
        Assert.That((authTimeout.Code, authTimeout.IsRetryable), Is.EqualTo((RunwareErrorCode.AuthTimeout, false)));
        Assert.That(authTimeout, Is.TypeOf<RunwareAuthenticationException>());
    }

    [TestCase("invalidProviderTimeout", "Timeout")]
    [TestCase("providerContentPolicyViolation", "ContentPolicy")]
    [TestCase("providerInsufficientCredits", "Billing")]
    [TestCase("invalidRateLimitWindow", "RateLimit")]
    [TestCase("missingFileNotFound", "NotFound")]
    public void Among_families_the_first_declared_that_matches_wins(string code, string family)
        => Assert.That(Ws(code).Family?.Name, Is.EqualTo(family));

    [TestCase("InvalidWidth")]
    [TestCase("somethingOdd")]
    [TestCase("PROVIDERdown")]
    [TestCase("creditsLow")]
    public void A_code_no_family_matches_stays_plain_unknown(string code)
    {
        RunwareException ex = Ws(code);

        Assert.That((ex.Code, ex.Family), Is.EqualTo((RunwareErrorCode.Unknown, (ErrorFamily?)null)));
        Assert.That(ex.GetType(), Is.EqualTo(typeof(RunwareException)));
        Assert.That(ex.IsRetryable, Is.False);
        Assert.That(ex.Message, Does.Not.Contain("family"));
    }

    [Test]
    public void Surrounding_white_space_is_ignored_as_for_listed_codes()
    {
        RunwareException ex = Ws("  invalidSeed\\t");

        Assert.That(ex.Family?.Name, Is.EqualTo("Validation"));
        Assert.That(ex.RawCode, Is.EqualTo("  invalidSeed\t"));
    }

    [Test]
    public void Over_rest_the_status_decides_retry_and_the_family_the_group()
    {
        // Runware says: on REST the HTTP status decides retrying. The family still names the error and its group.
        RunwareException notFound = RunwareErrors.FromResponse(400, """{"errors":[{"code":"loraNotFound","message":"no such LoRA"}]}""");
        Assert.That(notFound, Is.TypeOf<RunwareNotFoundException>(), "the family's group beats the status rule's (Validation)");
        Assert.That(notFound.StatusRule?.HttpStatus, Is.EqualTo(400));
        Assert.That(notFound.IsRetryable, Is.False);

        RunwareException busy = RunwareErrors.FromResponse(503, """{"errors":[{"code":"invalidStateOfWorker","message":"busy"}]}""");
        Assert.That(busy.Family?.Name, Is.EqualTo("Validation"));
        Assert.That(busy.IsRetryable, Is.True, "503 decides");
    }

    [Test]
    public void A_body_that_is_not_well_formed_is_not_classified_by_a_family()
    {
        RunwareException ex = RunwareErrors.FromMessage("""{"errors":[{"code":"invalidWidth","message":"cut""");

        Assert.That(ex.RawCode, Is.EqualTo("invalidWidth"));
        Assert.That(ex.Family, Is.Null, "as for listed codes: only a well-formed body is classified by its code");
    }

    [Test]
    public void The_catalog_seen_without_its_types_classifies_the_same()
    {
        ApiErrorException ex = RunwareErrors.Catalog.FromResponse(400, """{"errors":[{"code":"missingModel","message":"m"}]}""");

        Assert.That(ex.Family?.Name, Is.EqualTo("Validation"));
        Assert.That(ex.ErrorGroup, Is.EqualTo("Validation"));
    }

    [Test]
    public void The_families_are_listed_in_declaration_order_with_their_sources()
    {
        Assert.That(
            RunwareErrors.Families.Select(f => f.Name),
            Is.EqualTo(new[] { "Billing", "RateLimit", "ContentPolicy", "ApiKey", "Timeout", "NotFound", "ProviderIssue", "Validation" }));
        Assert.That(RunwareErrors.Families.All(f => f.Provider == "Runware" && !string.IsNullOrEmpty(f.Source)), Is.True);
        Assert.That(RunwareErrors.Families.Single(f => f.Name == "RateLimit").IsRefused, Is.True);
        Assert.That(RunwareErrors.Families.Single(f => f.Name == "Timeout").IgnoreCase, Is.True);
    }

    [Test]
    public void Find_and_Matches_without_a_catalog()
    {
        var factory = new CatalogFactory("Acme", null);
        ErrorFamily a = factory.ErrorFamily("A", prefixes: new[] { "bad" });
        ErrorFamily b = factory.ErrorFamily("B", suffixes: new[] { "Gone" }, contains: new[] { "Oops" }, ignoreCase: true);

        Assert.That(ErrorFamily.Find("badGone", new[] { a, b }), Is.SameAs(a));
        Assert.That(ErrorFamily.Find("badGone", new[] { b, a }), Is.SameAs(b));
        Assert.That(ErrorFamily.Find("xxOOPSxx", new[] { a, b }), Is.SameAs(b));
        Assert.That(ErrorFamily.Find("Badness", new[] { a, b }), Is.Null);
        Assert.That(ErrorFamily.Find(null, new[] { a, b }), Is.Null);
        Assert.That(ErrorFamily.Find("   ", new[] { a, b }), Is.Null);
        Assert.That(ErrorFamily.Find("bad", null), Is.Null);
        Assert.That(ErrorFamily.Find("bad", new ErrorFamily[] { null!, a }), Is.SameAs(a));
        Assert.That(a.Matches(" badX "), Is.True);
        Assert.That(a.Matches(null), Is.False);
        Assert.That(b.RetryStrategy, Is.EqualTo(RetryStrategy.None));
        Assert.That(factory.ErrorFamily("C", prefixes: new[] { "c" }, isRetryable: true).RetryStrategy, Is.EqualTo(RetryStrategy.Backoff));
    }
}
