using System;
using System.Collections.Generic;
using System.Linq;
using ErrorCodeGen;
using NUnit.Framework;

namespace ErrorCodeGen.Runtime.Tests;

/// <summary>FromResponse on RunComfy-shaped bodies (Trainer and Serverless catalogs).</summary>
public class RunComfyResponseTests
{
    [Test]
    public void Numeric_error_code_is_classified()
    {
        RunComfyTrainerException ex = RunComfyTrainerErrors.FromResponse(422, """{"error_code": 42258, "message": "OOM risk"}""");

        Assert.That(ex, Is.InstanceOf<RunComfyTrainerValidationException>());
        Assert.That(ex.Code, Is.EqualTo(RunComfyTrainerErrorCode.Flux2OomRisk));
        Assert.That(ex.RawCode, Is.EqualTo("42258"));
        Assert.That(ex.HttpStatus, Is.EqualTo(422));
        Assert.That(ex.IsRetryable, Is.False);
        Assert.That(ex.RetryStrategy, Is.EqualTo(RetryStrategy.None));
        Assert.That(ex.GetRetryDelay(0), Is.Null);
        Assert.That(ex.ServerMessage, Is.EqualTo("OOM risk"));
        Assert.That(ex.Remediation, Does.Contain("Reduce batch_size"));
        Assert.That(ex.Descriptor!.Name, Is.EqualTo("FLUX2_OOM_RISK"));
        Assert.That(ex.Message, Does.Contain("42258").And.Contain("FLUX2_OOM_RISK").And.Contain("HTTP 422").And.Not.Contain("\n"));
    }

    [Test]
    public void String_error_code_and_error_message_field_are_accepted()
    {
        RunComfyTrainerException ex = RunComfyTrainerErrors.FromResponse(404, """{"error_code": "40401", "error_message": "Dataset not found"}""");

        Assert.That(ex, Is.InstanceOf<RunComfyTrainerNotFoundException>());
        Assert.That(ex.Code, Is.EqualTo(RunComfyTrainerErrorCode.DatasetNotFound));
        Assert.That(ex.ServerMessage, Is.EqualTo("Dataset not found"));
    }

    [Test]
    public void A_root_error_that_is_text_is_the_message_when_there_is_no_other()
    {
        // "error" is RunComfy's location for a failed result's list; text there is not a list, and was lost.
        RunComfyServerlessException text = RunComfyServerlessErrors.FromResponse(500, """{"error": "Internal Server Error", "request_id": "r-1"}""");
        Assert.That(text.ServerMessage, Is.EqualTo("Internal Server Error"));
        Assert.That(text.Message, Does.Contain("Internal Server Error"));
        Assert.That(text.RequestId, Is.EqualTo("r-1"));

        RunComfyTrainerException both = RunComfyTrainerErrors.FromResponse(422, """{"error": "generic", "error_code": 42258, "message": "OOM risk"}""");
        Assert.That((both.Code, both.ServerMessage), Is.EqualTo((RunComfyTrainerErrorCode.Flux2OomRisk, "OOM risk")), "message outranks the root's error text, in any order");
        Assert.That(both.Errors, Has.Count.EqualTo(1));

        RunComfyServerlessException number = RunComfyServerlessErrors.FromResponse(500, """{"error": 404, "message": "m"}""");
        Assert.That(number.Errors[0].ExtraFields["error"], Is.EqualTo("404"), "a value of another type is kept as an extra field");
        Assert.That(number.ServerMessage, Is.EqualTo("m"));

        ErrorResponse duplicate = ErrorResponseReader.Read(ErrorWireFormat.RunComfy, 500, """{"error": 5, "error": "late text"}""");
        Assert.That((duplicate.Message, duplicate.Errors[0].ExtraFields["error"]), Is.EqualTo(((string?)null, "5")), "the first value is kept; a later duplicate changes nothing");

        RunComfyServerlessException list = RunComfyServerlessErrors.FromResponse(200, """{"status": "failed", "error": [{"errorCode": "OUT_OF_MEMORY", "error": "CUDA out of memory"}]}""");
        Assert.That(list.Errors.Select(e => e.Message), Is.EqualTo(new[] { "CUDA out of memory" }), "a list is read as before");
    }

    [Test]
    public void Detail_array_entries_are_kept()
    {
        const string body = """
            {"error_code": 422001, "message": "Validation Error",
             "detail": [{"loc": ["body", "overrides", "6", "inputs", "seed"], "msg": "value is not a valid integer", "type": "type_error.integer"},
                        "free text detail", {"unexpected": true}]}
            """;
        RunComfyServerlessException ex = RunComfyServerlessErrors.FromResponse(422, body);

        Assert.That(ex.Code, Is.EqualTo(RunComfyServerlessErrorCode.ValidationError));
        Assert.That(ex.Errors.Single().Details, Is.EqualTo(new[]
        {
            "body.overrides.6.inputs.seed: value is not a valid integer",
            "free text detail",
            """{"unexpected": true}""",
        }));
    }

    [Test]
    public void Detail_string_is_kept() =>
        Assert.That(RunComfyTrainerErrors.FromResponse(400, """{"error_code": 40051, "detail": "job_id is not a UUID"}""").Errors[0].Details, Is.EqualTo(new[] { "job_id is not a UUID" }));

    [Test]
    public void Html_502_page_gives_unknown_with_status_rules()
    {
        RunComfyServerlessException ex = RunComfyServerlessErrors.FromResponse(502, "<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head><body><h1>Bad Gateway</h1></body></html>");

        Assert.That(ex.Code, Is.EqualTo(RunComfyServerlessErrorCode.Unknown));
        Assert.That(ex.RawCode, Is.Null);
        Assert.That(ex.HttpStatus, Is.EqualTo(502));
        Assert.That(ex.Response.BodyKind, Is.EqualTo(ErrorBodyKind.NotJson));
        Assert.That(ex.StatusRule!.HttpStatus, Is.EqualTo(502));
        Assert.That(ex.IsRetryable, Is.EqualTo(ex.StatusRule.IsRetryable));
        Assert.That(ex.Message, Does.Contain("502 Bad Gateway"));
    }

    [TestCase(null)]
    [TestCase("")]
    [TestCase("   \r\n ")]
    public void Empty_body_gives_unknown(string? body)
    {
        RunComfyTrainerException ex = RunComfyTrainerErrors.FromResponse(500, body);

        Assert.That(ex.Code, Is.EqualTo(RunComfyTrainerErrorCode.Unknown));
        Assert.That(ex.Response.BodyKind, Is.EqualTo(ErrorBodyKind.Empty));
        Assert.That(ex.IsRetryable, Is.True, "the Trainer catalog's 500 rule is retryable");
        Assert.That(ex, Is.InstanceOf<RunComfyTrainerServerException>(), "the status rule's exception group");
    }

    [Test]
    public void Truncated_json_gives_unknown_but_keeps_the_raw_code()
    {
        RunComfyTrainerException ex = RunComfyTrainerErrors.FromResponse(422, """{"error_code": 42258, "message": "FLUX.2 tra""");

        Assert.That(ex.Code, Is.EqualTo(RunComfyTrainerErrorCode.Unknown));
        Assert.That(ex.RawCode, Is.EqualTo("42258"));
        Assert.That(ex.Response.BodyKind, Is.EqualTo(ErrorBodyKind.Truncated));
        Assert.That(ex.HttpStatus, Is.EqualTo(422));
        Assert.That(ex.IsRetryable, Is.False, "from the 422 status rule");
    }

    [TestCase("""{"error_code": 42258,, "message": 1}""")]
    [TestCase("""{"error_code": 42258} trailing""")]
    [TestCase("""{"error_code": tru}""")]
    public void Malformed_json_gives_unknown(string body)
    {
        RunComfyTrainerException ex = RunComfyTrainerErrors.FromResponse(422, body);

        Assert.That(ex.Code, Is.EqualTo(RunComfyTrainerErrorCode.Unknown));
        Assert.That(ex.Response.BodyKind, Is.EqualTo(ErrorBodyKind.Malformed).Or.EqualTo(ErrorBodyKind.Truncated));
        Assert.That(ex.Response.Problem, Is.Not.Null);
    }

    [Test]
    public void Unknown_code_keeps_raw_code_and_uses_status_rules()
    {
        RunComfyTrainerException ex = RunComfyTrainerErrors.FromResponse(500, """{"error_code": 50099, "message": "new"}""");

        Assert.That(ex.Code, Is.EqualTo(RunComfyTrainerErrorCode.Unknown));
        Assert.That(ex.RawCode, Is.EqualTo("50099"));
        Assert.That(ex.Descriptor, Is.Null);
        Assert.That(ex.IsRetryable, Is.True);
        Assert.That(ex.Message, Does.Contain("'50099'").And.Contain("not in the catalog"));
    }

    [Test]
    public void Status_without_a_rule_falls_back_to_the_status_class()
    {
        Assert.That(RunComfyTrainerErrors.FromResponse(503, "").IsRetryable, Is.True);
        Assert.That(RunComfyTrainerErrors.FromResponse(418, "").IsRetryable, Is.False);
    }

    [Test]
    public void Http_200_carrying_an_error_code_is_a_failure()
    {
        Assert.That(RunComfyTrainerErrors.IsFailure(200, """{"error_code": 50052, "message": "x"}"""), Is.True);
        Assert.That(RunComfyTrainerErrors.IsFailure(200, """{"id": "job_1", "status": "RUNNING"}"""), Is.False);
        Assert.That(RunComfyTrainerErrors.IsFailure(200, """{"error_code": null}"""), Is.False);
        Assert.That(RunComfyTrainerErrors.IsFailure(404, ""), Is.True);
    }

    [Test]
    public void One_code_under_several_phases()
    {
        ErrorDescriptor d = RunComfyServerlessErrorCode.ComfyUIConnectionError.Describe();

        Assert.That(d.Code, Is.EqualTo("10007"));
        Assert.That(d.Phases, Has.Count.EqualTo(3));
        Assert.That(RunComfyServerlessErrorCode.ComfyUIRequestMissing.Describe().Phases, Has.Count.EqualTo(2));
    }

    [Test]
    public void Retry_delays_follow_the_strategy()
    {
        RunComfyTrainerException once = RunComfyTrainerErrors.FromResponse(500, """{"error_code": 50052}""");
        Assert.That(once.RetryStrategy, Is.EqualTo(RetryStrategy.Once));
        Assert.That(once.GetRetryDelay(0), Is.Not.Null);
        Assert.That(once.GetRetryDelay(1), Is.Null);

        RunComfyTrainerException backoff = RunComfyTrainerErrors.FromResponse(500, """{"error_code": 50001}""");
        Assert.That(backoff.RetryStrategy, Is.EqualTo(RetryStrategy.Backoff));
        Assert.That(Enumerable.Range(0, 8).Select(a => backoff.GetRetryDelay(a)!.Value.TotalSeconds), Is.EqualTo(new double[] { 1, 2, 4, 8, 16, 32, 60, 60 }));
    }

    [Test]
    public void Describe_and_extensions_cover_every_code()
    {
        Assert.That(RunComfyTrainerErrors.All, Has.Count.EqualTo(44));
        foreach (ErrorDescriptor d in RunComfyTrainerErrors.All)
        {
            Assert.That(RunComfyTrainerErrors.TryParse(d.Code, out RunComfyTrainerErrorCode code), Is.True, d.Code);
            Assert.That(code.Describe(), Is.SameAs(d));
            Assert.That(code.HttpStatus(), Is.EqualTo(d.HttpStatus));
            Assert.That(code.IsRetryable(), Is.EqualTo(d.IsRetryable));
            Assert.That((int)code, Is.EqualTo(int.Parse(d.Code)));
        }

        Assert.That(RunComfyTrainerErrors.TryParse("nope", out RunComfyTrainerErrorCode unknown), Is.False);
        Assert.That(unknown, Is.EqualTo(RunComfyTrainerErrorCode.Unknown));
        Assert.That(RunComfyTrainerErrorCode.Unknown.Describe().IsRetryable, Is.False);
    }
}
