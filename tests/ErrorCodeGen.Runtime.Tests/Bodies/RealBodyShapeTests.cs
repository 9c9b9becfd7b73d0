using System;
using System.Linq;
using ErrorCodeGen;
using NUnit.Framework;

namespace ErrorCodeGen.Runtime.Tests.Bodies;

/// <summary>
/// The bodies the vendors' own SDKs handle beyond the documented ones (issue 13), read by the built-in formats with no
/// catalog work: each category with several bodies of its shape, written here.
/// </summary>
public class RealBodyShapeTests
{
    // ---- Runware: where the error is ----

    [Test]
    public void Runware_singular_error_object_with_task_siblings()
    {
        RunwareException ex = RunwareErrors.FromMessage("""{"taskType":"imageInference","error":{"code":"invalidModel","message":"Unknown model 'x'"},"taskUUID":"9f1c"}""");

        Assert.That(ex.RawCode, Is.EqualTo("invalidModel"));
        ApiError error = ex.Errors.Single();
        Assert.That((error.Message, error.TaskType, error.TaskId), Is.EqualTo(("Unknown model 'x'", "imageInference", "9f1c")));
        Assert.That(ex.Response.HasErrorPayload, Is.True);
    }

    [Test]
    public void Runware_singular_error_object_keeps_its_own_task_over_the_siblings()
    {
        RunwareException ex = RunwareErrors.FromMessage("""{"error":{"code":"timeoutProvider","message":"slow","taskUUID":"inner","taskType":"videoInference"},"taskUUID":"outer"}""");

        Assert.That((ex.Code, ex.Errors[0].TaskId, ex.Errors[0].TaskType), Is.EqualTo((RunwareErrorCode.TimeoutProvider, "inner", "videoInference")));
    }

    [Test]
    public void Runware_singular_error_key_holding_an_array()
    {
        RunwareException ex = RunwareErrors.FromResponse(400, """{"error":[{"code":"missingPositivePrompt","message":"positivePrompt is required","parameter":"positivePrompt"},{"code":"invalidSteps","message":"steps out of range"}]}""");

        Assert.That(ex.Errors.Select(e => e.Code), Is.EqualTo(new[] { "missingPositivePrompt", "invalidSteps" }));
        Assert.That(ex.Errors[0].Parameter, Is.EqualTo("positivePrompt"));
    }

    [Test]
    public void Runware_singular_error_array_of_plain_messages()
    {
        RunwareException ex = RunwareErrors.FromMessage("""{"error":[{"message":"provider down","taskUUID":"t-9"}]}""");

        Assert.That((ex.RawCode, ex.ServerMessage, ex.Errors[0].TaskId), Is.EqualTo(((string?)null, "provider down", "t-9")));
        Assert.That(ex.Response.HasErrorPayload, Is.True);
    }

    [TestCase("""{"code":"invalidApiKey","message":"Invalid API key","taskUUID":"a-1"}""", "invalidApiKey", "a-1")]
    [TestCase("""{"taskUUID":"b-2","taskType":"imageUpload","code":"unsupportedFormat","message":"Only PNG, JPG or WEBP"}""", "unsupportedFormat", "b-2")]
    [TestCase("""{"message":"m","code":"providerRateLimitExceeded"}""", "providerRateLimitExceeded", null)]
    public void Runware_bare_error_item_as_the_whole_websocket_frame(string frame, string code, string? task)
    {
        RunwareException ex = RunwareErrors.FromMessage(frame);

        Assert.That((ex.RawCode, ex.Errors.Single().TaskId), Is.EqualTo((code, task)));
        Assert.That(RunwareErrors.IsFailure(200, frame), Is.True);
    }

    [Test]
    public void Runware_bare_frame_without_a_code_is_no_failure()
    {
        Assert.That(RunwareErrors.IsFailure(200, """{"message":"connected","taskUUID":"x"}"""), Is.False);
        Assert.That(RunwareErrors.IsFailure(200, """{"data":[{"taskType":"imageInference","taskUUID":"x","imageURL":"https://im.runware.ai/a.png"}]}"""), Is.False);
    }

    [TestCase("""{"error":true,"errorId":19,"errorMessage":"Invalid api key","errorMessageContentId":1212}""", "19", "Invalid api key")]
    [TestCase("""{"errorMessage":"Error connection","errorId":999,"error":true}""", "999", "Error connection")]
    [TestCase("""{"error":true,"errorMessage":"no id"}""", null, "no id")]
    public void Runware_legacy_frame(string frame, string? code, string message)
    {
        RunwareException ex = RunwareErrors.FromMessage(frame);

        Assert.That((ex.RawCode, ex.ServerMessage), Is.EqualTo((code, message)));
        Assert.That(RunwareErrors.IsFailure(200, frame), Is.True);
    }

    [Test]
    public void Runware_legacy_error_id_19_is_the_invalid_api_key()
    {
        RunwareException ex = RunwareErrors.FromMessage("""{"error":true,"errorId":19,"errorMessage":"Invalid api key"}""");

        Assert.That(ex.Code, Is.EqualTo(RunwareErrorCode.LegacyInvalidApiKey));
        Assert.That(ex, Is.TypeOf<RunwareAuthenticationException>());
        Assert.That(ex.IsRetryable, Is.False);
        Assert.That(ex.Descriptor!.InferenceNote, Does.Contain("sdk-python").And.Contain("sdk-go"));
    }

    [Test]
    public void Runware_legacy_frame_with_error_false_is_no_failure()
        => Assert.That(RunwareErrors.IsFailure(200, """{"error":false,"newConnectionSessionUUID":{"connectionSessionUUID":"s"}}"""), Is.False);

    [TestCase("""{"error":false,"errorId":19,"errorMessage":"bad key"}""")]
    [TestCase("""{"errorId":19,"errorMessage":"bad key","error":false}""")]
    [TestCase("""{"error":false,"errorId":0,"errorMessage":""}""")]
    [TestCase("""{"error":false,"error":true,"errorId":19}""")]
    public void Runware_legacy_frame_with_error_false_is_no_failure_whatever_id_it_carries(string frame)
    {
        // The flag decides, as the legacy SDKs read it (`if (data.error)`); its first occurrence wins, as for every key.
        ErrorResponse response = ErrorResponseReader.Read(ErrorWireFormat.Runware, 200, frame);
        Assert.That(response.Errors, Is.Empty);
        Assert.That(response.HasErrorPayload, Is.False);
        Assert.That(RunwareErrors.IsFailure(200, frame), Is.False);
    }

    [Test]
    public void Runware_legacy_frame_with_error_false_keeps_the_errors_of_an_errors_array()
    {
        ErrorResponse response = ErrorResponseReader.Read(ErrorWireFormat.Runware, 400, """{"error":false,"errorId":19,"errors":[{"code":"invalidWidth","message":"Width out of range"}]}""");
        Assert.That(response.Errors.Select(e => e.Code), Is.EqualTo(new[] { "invalidWidth" }));
        Assert.That(response.HasErrorPayload, Is.True);
    }

    [TestCase(255, false)]
    [TestCase(256, false)]
    [TestCase(300, false)]
    [TestCase(300, true)]
    public void RunComfy_root_error_stays_first_when_its_error_list_passes_the_bound(int items, bool codeAfterList)
    {
        // The root's error comes before the camelCase items of its error[] list; at the bound of 256 errors the last item
        // is the one skipped, never the root's.
        string list = "\"error\":[" + string.Join(",", Enumerable.Range(0, items).Select(i => "{\"errorCode\":\"e" + i + "\",\"error\":\"m\"}")) + "]";
        string root = "\"error_code\":42258,\"message\":\"OOM risk\",\"status\":\"failed\"";
        string body = "{" + (codeAfterList ? list + "," + root : root + "," + list) + "}";

        RunComfyTrainerException ex = RunComfyTrainerErrors.FromResponse(422, body);

        Assert.That((ex.Code, ex.RawCode, ex.ServerMessage), Is.EqualTo((RunComfyTrainerErrorCode.Flux2OomRisk, "42258", "OOM risk")));
        Assert.That(ex.Errors, Has.Count.EqualTo(Math.Min(items + 1, 256)));
        Assert.That(ex.Errors[1].Code, Is.EqualTo("e0"));
    }

    [Test]
    public void Runware_failed_tasks_among_successful_results_in_data()
    {
        const string body = """
            {"data":[
              {"taskType":"imageInference","taskUUID":"ok-1","imageURL":"https://im.runware.ai/1.png","status":"success"},
              {"taskType":"imageInference","taskUUID":"bad-2","status":"error","error":{"code":"nsfwContentDetected","message":"NSFW content detected"}},
              {"taskType":"imageInference","taskUUID":"ok-3","imageURL":"https://im.runware.ai/3.png"},
              {"taskType":"videoInference","taskUUID":"bad-4","status":"failed","error":{"message":"provider crashed"}}
            ]}
            """;
        RunwareException ex = RunwareErrors.FromMessage(body);

        Assert.That(ex.Errors.Select(e => e.TaskId), Is.EqualTo(new[] { "bad-2", "bad-4" }));
        Assert.That(ex.Code, Is.EqualTo(RunwareErrorCode.NsfwContentDetected));
        Assert.That(ex.Errors[1].Message, Is.EqualTo("provider crashed"));
        Assert.That(ex.Errors[1].TaskType, Is.EqualTo("videoInference"));
        Assert.That(ex.Errors.All(e => e.ExtraFields.Count == 0), Is.True, "the results' own fields are not copied");
        Assert.That(RunwareErrors.IsFailure(200, body), Is.True);
    }

    [Test]
    public void Runware_data_failures_and_the_errors_array_are_both_read()
    {
        RunwareException ex = RunwareErrors.FromMessage("""{"data":[{"taskUUID":"d","status":"error","error":{"code":"inferenceError","message":"boom"}}],"errors":[{"code":"invalidWidth","message":"w","taskUUID":"e"}]}""");

        Assert.That(ex.Errors.Select(e => e.TaskId), Is.EqualTo(new[] { "d", "e" }));
    }

    [Test]
    public void Runware_documented_shapes_are_read_as_before()
    {
        RunwareException ex = RunwareErrors.FromResponse(400, """{"data":[],"errors":[{"code":"invalidWidth","message":"w","status":"error","taskUUID":"e"}]}""");

        Assert.That(ex.Errors.Single().Code, Is.EqualTo("invalidWidth"));
        Assert.That(ex.Errors[0].ExtraFields["status"], Is.EqualTo("\"error\""), "an item's own status is kept");
    }

    [Test]
    public void Runware_error_object_without_a_code_keeps_its_message()
    {
        RunwareException ex = RunwareErrors.FromResponse(500, """{"error":{"message":"Something went wrong, please try again"}}""");

        Assert.That((ex.RawCode, ex.ServerMessage), Is.EqualTo(((string?)null, "Something went wrong, please try again")));
        Assert.That(ex.Message, Does.Contain("Something went wrong"));
    }

    // ---- Runware: fields ----

    [Test]
    public void Runware_item_fields_beyond_the_page_are_kept_bounded()
    {
        string longContent = new string('x', 5000);
        string body = "{\"errors\":[{\"code\":\"providerError\",\"message\":\"upstream failed\",\"parameter\":[\"width\",\"height\"],"
            + "\"type\":\"integer\",\"min\":256,\"max\":2048,\"multiplier\":64,\"allowedValues\":[512,768,1024],"
            + "\"responseContent\":\"" + longContent + "\",\"responseStatusCode\":\"502\",\"status\":\"error\",\"taskUUID\":\"t\"}]}";
        RunwareException ex = RunwareErrors.FromResponse(502, body);

        ApiError error = ex.Errors.Single();
        Assert.That(error.Parameter, Is.EqualTo("[\"width\",\"height\"]"), "an array parameter is kept as its JSON");
        Assert.That(error.ExtraFields["min"], Is.EqualTo("256"));
        Assert.That(error.ExtraFields["multiplier"], Is.EqualTo("64"));
        Assert.That(error.ExtraFields["allowedValues"], Is.EqualTo("[512,768,1024]"));
        Assert.That(error.ExtraFields["responseStatusCode"], Is.EqualTo("\"502\""));
        Assert.That(error.ExtraFields["responseContent"].Length, Is.LessThanOrEqualTo(1024), "raw JSON is bounded");
        Assert.That(ex.Family?.Name, Is.EqualTo("ProviderIssue"));
    }

    [Test]
    public void Runware_fields_of_unexpected_types_never_fail()
    {
        RunwareException ex = RunwareErrors.FromResponse(400, """{"errors":[{"code":["invalid","Width"],"message":{"text":"nested"},"parameter":null,"taskUUID":42,"min":"a","allowedValues":{"x":1}}]}""");

        Assert.That(ex.Response.BodyKind, Is.EqualTo(ErrorBodyKind.Json));
        Assert.That(ex.Errors.Single().TaskId, Is.EqualTo("42"));
    }

    // ---- Lamatic (GraphQL) ----

    [TestCase("error")]
    [TestCase("failed")]
    [TestCase("ERROR")]
    public void Flow_failed_without_graphql_errors(string status)
    {
        string body = "{\"data\":{\"executeWorkflow\":{\"status\":\"" + status + "\",\"result\":{\"message\":\"Node 'LLM' failed: model credentials missing\"}}}}";

        Assert.That(FlowErrors.IsFailure(200, body), Is.True);
        FlowException ex = FlowErrors.FromResponse(200, body);
        Assert.That(ex.ServerMessage, Is.EqualTo("Node 'LLM' failed: model credentials missing"));
    }

    [Test]
    public void Flow_failure_message_at_the_top_of_the_operation_or_under_result_error()
    {
        Assert.That(FlowErrors.FromResponse(200, """{"data":{"executeAgent":{"status":"error","message":"agent timed out","result":null}}}""").ServerMessage, Is.EqualTo("agent timed out"));
        Assert.That(FlowErrors.FromResponse(200, """{"data":{"checkStatus":{"result":{"error":"quota exceeded"},"status":"failed"}}}""").ServerMessage, Is.EqualTo("quota exceeded"));
    }

    [Test]
    public void Flow_success_and_in_progress_are_no_failure()
    {
        Assert.That(FlowErrors.IsFailure(200, """{"data":{"executeWorkflow":{"status":"success","result":{"answer":"42","message":"done"}}}}"""), Is.False);
        Assert.That(FlowErrors.IsFailure(200, """{"data":{"checkStatus":{"status":"in-progress","result":null}}}"""), Is.False);
        Assert.That(FlowErrors.IsFailure(200, """{"data":{"somethingElse":{"status":"error"}}}"""), Is.False, "only the Flow operations");
    }

    [Test]
    public void Flow_errors_holding_plain_strings()
    {
        FlowException ex = FlowErrors.FromResponse(200, """{"data":null,"errors":["Workflow not found","Unauthorized"]}""");

        Assert.That(ex.Errors.Select(e => e.Message), Is.EqualTo(new[] { "Workflow not found", "Unauthorized" }));
        Assert.That(FlowErrors.IsFailure(200, """{"errors":["x"]}"""), Is.True);
    }

    [Test]
    public void Flow_errors_mixing_strings_and_objects()
    {
        FlowException ex = FlowErrors.FromResponse(200, """{"errors":[{"message":"bad variable","extensions":{"code":"BAD_USER_INPUT"}},"plain text",7]}""");

        Assert.That(ex.Errors.Select(e => e.Message), Is.EqualTo(new[] { "bad variable", "plain text", "7" }));
        Assert.That(ex.RawCode, Is.EqualTo("BAD_USER_INPUT"));
    }

    // ---- Lamatic: Server-Sent Events ----

    [Test]
    public void Flow_event_stream_reports_the_first_failing_frame()
    {
        const string body = "data: {\"status\":\"in-progress\",\"data\":{\"chunk\":\"Hel\"}}\n\n"
            + "data: {\"status\":\"in-progress\",\"data\":{\"chunk\":\"lo\"}}\n\n"
            + "data: {\"status\":\"error\",\"data\":{\"errorMsg\":\"LLM node failed: rate limited\"}}\n\n"
            + "data: {\"status\":\"error\",\"data\":{\"errorMsg\":\"second failure\"}}\n\n";

        Assert.That(FlowErrors.IsFailure(200, body), Is.True);
        FlowException ex = FlowErrors.FromResponse(200, body);
        Assert.That(ex.ServerMessage, Is.EqualTo("LLM node failed: rate limited"));
        Assert.That(ex.Errors, Has.Count.EqualTo(1));
        Assert.That(ex.Response.BodyKind, Is.EqualTo(ErrorBodyKind.Json));
    }

    [Test]
    public void Flow_event_stream_with_a_graphql_errors_frame_crlf_and_named_events()
    {
        const string body = ": keep-alive\r\nevent: message\r\nid: 1\r\ndata: {\"status\":\"in-progress\"}\r\n\r\n"
            + "event: error\r\ndata: {\"errors\":[{\"message\":\"Flow not deployed\",\"extensions\":{\"code\":\"NOT_FOUND\"}}]}\r\n\r\n";
        FlowException ex = FlowErrors.FromResponse(200, body);

        Assert.That((ex.RawCode, ex.ServerMessage), Is.EqualTo(("NOT_FOUND", "Flow not deployed")));
    }

    [Test]
    public void Flow_event_stream_data_split_over_lines_is_joined()
    {
        const string body = "data: {\"status\":\"error\",\n"
            + "data: \"data\":{\"errorMsg\":\"split\"}}\n\n";

        Assert.That(FlowErrors.FromResponse(200, body).ServerMessage, Is.EqualTo("split"));
    }

    [Test]
    public void Flow_event_stream_without_a_failing_frame()
    {
        const string body = "data: {\"status\":\"in-progress\",\"data\":{\"chunk\":\"a\"}}\n\ndata: [DONE]\n\ndata: not json\n\n";

        Assert.That(FlowErrors.IsFailure(200, body), Is.False);
        FlowException ex = FlowErrors.FromResponse(500, body);
        Assert.That(ex.Response.BodyKind, Is.EqualTo(ErrorBodyKind.NotJson));
        Assert.That(ex.Response.Problem, Does.Contain("event stream"));
        Assert.That(ex.Errors, Is.Empty);
    }

    [Test]
    public async System.Threading.Tasks.Task Flow_event_stream_read_from_a_response()
    {
        using var response = new System.Net.Http.HttpResponseMessage(System.Net.HttpStatusCode.OK)
        {
            Content = new System.Net.Http.StringContent("data: {\"status\":\"error\",\"data\":{\"errorMsg\":\"async failure\"}}\n\n", System.Text.Encoding.UTF8, "text/event-stream"),
        };

        FlowException ex = await FlowErrors.FromResponseAsync(response);
        Assert.That(ex.ServerMessage, Is.EqualTo("async failure"));
        Assert.That(await response.Content.ReadAsStringAsync(), Does.StartWith("data: "), "the body stays readable");
    }

    [Test]
    public void Event_stream_in_another_format_reads_its_frames_with_that_format()
    {
        RunwareException ex = RunwareErrors.FromMessage("data: {\"data\":[{\"taskUUID\":\"a\",\"text\":\"hi\"}]}\n\ndata: {\"errors\":[{\"code\":\"timeoutProvider\",\"message\":\"The provider timed out.\",\"taskUUID\":\"abc-123\"}]}\n\n");

        Assert.That(ex.Code, Is.EqualTo(RunwareErrorCode.TimeoutProvider));
    }

    // ---- cmfy.cloud ----

    [Test]
    public async System.Threading.Tasks.Task Cmfy_concurrency_headers_over_http_and_malformed_values()
    {
        using var response = new System.Net.Http.HttpResponseMessage((System.Net.HttpStatusCode)429)
        {
            Content = new System.Net.Http.StringContent("""{"error":{"code":"concurrent_limit_reached","message":"Maximum concurrent jobs reached"}}"""),
        };
        response.Headers.TryAddWithoutValidation("X-Concurrent-Limit", "3");
        response.Headers.TryAddWithoutValidation("X-Concurrent-Current", "three");
        response.Headers.TryAddWithoutValidation("X-Queue-Limit", "-1");
        response.Headers.TryAddWithoutValidation("X-Queue-Current", "99999999999999999999999");

        CmfyCloudException ex = await CmfyCloudErrors.FromResponseAsync(response);

        Assert.That(ex.RateLimit!.ConcurrentLimit, Is.EqualTo(3));
        Assert.That(ex.RateLimit.ConcurrentCurrent, Is.Null, "not a number: not read");
        Assert.That(ex.RateLimit.QueueCurrent, Is.Null, "out of range: not read");
        Assert.That(ex.RetryAfter, Is.EqualTo(System.TimeSpan.FromSeconds(5)), "the catalog's wait for concurrent_limit_reached");
        Assert.That(ex.IsRefused, Is.True);
    }

    // ---- RunComfy ----

    [Test]
    public void RunComfy_trainer_http_200_with_an_error_code()
    {
        RunComfyTrainerException ex = RunComfyTrainerErrors.FromResponse(200, """{"error_code":40401,"error_message":"Dataset not found","request_id":"r-1"}""");

        Assert.That((ex.RawCode, ex.ServerMessage, ex.RequestId), Is.EqualTo(("40401", "Dataset not found", "r-1")));
        Assert.That(RunComfyTrainerErrors.IsFailure(200, """{"error_code":40401,"error_message":"Dataset not found"}"""), Is.True);
    }

    [Test]
    public void RunComfy_serverless_http_200_with_an_error_code()
    {
        const string body = """{"error_code":"40001","error_message":"Invalid deployment id"}""";

        Assert.That(RunComfyServerlessErrors.IsFailure(200, body), Is.True);
        Assert.That(RunComfyServerlessErrors.FromResponse(200, body).ServerMessage, Is.EqualTo("Invalid deployment id"));
        Assert.That(RunComfyServerlessErrors.IsFailure(200, """{"request_id":"r","status":"in_queue"}"""), Is.False);
    }

    [Test]
    public void RunComfy_failed_result_with_camel_case_error_items()
    {
        const string body = """
            {"request_id":"r-7","status":"failed","error":[
              {"errorCode":"OUT_OF_MEMORY","error":"CUDA out of memory","debugInfo":{"node":"KSampler","vram":"24GB"}},
              {"errorCode":"NODE_ERROR","error":"VAE decode failed","debugInfo":"traceback..."}
            ]}
            """;
        RunComfyServerlessException ex = RunComfyServerlessErrors.FromResponse(200, body);

        Assert.That(RunComfyServerlessErrors.IsFailure(200, body), Is.True);
        Assert.That(ex.Errors.Select(e => e.Code), Is.EqualTo(new[] { "OUT_OF_MEMORY", "NODE_ERROR" }));
        Assert.That(ex.Errors.Select(e => e.Message), Is.EqualTo(new[] { "CUDA out of memory", "VAE decode failed" }));
        Assert.That(ex.Errors[0].Details, Is.Not.Empty);
        Assert.That(ex.Errors[1].Details, Is.EqualTo(new[] { "traceback..." }));
        Assert.That(ex.RequestId, Is.EqualTo("r-7"));
    }

    [Test]
    public void RunComfy_root_error_comes_before_the_result_items()
    {
        RunComfyTrainerException ex = RunComfyTrainerErrors.FromResponse(500, """{"error":[{"errorCode":"X","error":"inner"}],"error_code":50001,"message":"outer"}""");

        Assert.That(ex.Errors.Select(e => e.Code), Is.EqualTo(new[] { "50001", "X" }));
        Assert.That(ex.Code, Is.EqualTo(RunComfyTrainerErrorCode.DatasetInternalError));
    }

    [Test]
    public void RunComfy_root_message_without_a_code_is_still_kept()
    {
        RunComfyTrainerException ex = RunComfyTrainerErrors.FromResponse(500, """{"message":"Internal Server Error","status":"failed"}""");

        Assert.That(ex.ServerMessage, Is.EqualTo("Internal Server Error"));
        Assert.That(ex.Errors[0].ExtraFields["status"], Is.EqualTo("\"failed\""));
        Assert.That(RunComfyTrainerErrors.IsFailure(200, """{"message":"ok"}"""), Is.False);
    }
}
