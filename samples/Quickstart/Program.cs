// ErrorCodeGen quickstart: real-shaped error responses turned into typed exceptions.
// The types RunComfyTrainerErrors, RunComfyTrainerErrorCode, RunComfyTrainerException (and the same for the other
// providers) are generated at compile time from the catalogs in catalog/*.errors.yaml.
using System.Net;
using System.Text;
using ErrorCodeGen;
using ErrorCodeGen.Http;
using Quickstart;

var responses = new (string What, int Status, string Body)[]
{
    ("FLUX.2 job rejected for OOM risk", 422, """{"error_code": 42258, "message": "FLUX.2 training settings have a high OOM risk"}"""),
    ("code sent as a string, with detail", 422, """{"error_code": "42253", "message": "config_file is not valid YAML", "detail": [{"loc": ["body", "config_file"], "msg": "mapping values are not allowed here", "type": "value_error.yaml"}]}"""),
    ("job submission failed to create the record", 500, """{"error_code": 50052, "message": "Failed to create the job record"}"""),
    ("dataset lookup with a deleted dataset", 404, """{"error_code": 40401, "error_message": "Dataset not found"}"""),
    ("a proxy's HTML error page", 502, "<html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>"),
    ("a code this catalog does not know", 422, """{"error_code": 42299, "message": "Something new"}"""),
};

foreach (var (what, status, body) in responses)
{
    RunComfyTrainerException error = RunComfyTrainerErrors.FromResponse(status, body);
    Print(what, error);
}

// The async path reads an HttpResponseMessage, headers included.
using var response = new HttpResponseMessage(HttpStatusCode.UnprocessableEntity)
{
    Content = new StringContent("""{"error_code": 42255, "message": "Dataset is not READY"}""", Encoding.UTF8, "application/json"),
};
response.Headers.Add("X-Request-Id", "req_7f3a");
Print("dataset not ready yet (from HttpResponseMessage)", await RunComfyTrainerErrors.FromResponseAsync(response));

// Catch by group: every 400/422 request problem is a RunComfyTrainerValidationException.
try
{
    throw RunComfyTrainerErrors.FromResponse(422, """{"error_code": 42273, "message": "gpu_count must be 1 or 8"}""");
}
catch (RunComfyTrainerValidationException ex) when (ex.Code == RunComfyTrainerErrorCode.InvalidGpuCount)
{
    Console.WriteLine($"Caught {ex.GetType().Name} for {ex.Code}: fix the request, then resubmit.");
}

// One real-shaped failure from each of the other providers, each in its own wire format.
Console.WriteLine();
Print("RunComfy Serverless: ComfyUI backend unreachable", RunComfyServerlessErrors.FromResponse(
    502, """{"error_code": 10007, "message": "ComfyUIConnectionError: upstream returned 530"}"""));
Print("Runware: two tasks failed in one request", RunwareErrors.FromResponse(
    500, """{"errors": [{"code": "timeoutProvider", "message": "The provider timed out", "taskType": "imageInference", "taskUUID": "6f1c"}, {"code": "invalidApiKey", "message": "Invalid API key. Get one at https://my.runware.ai/signup", "parameter": "apiKey", "taskType": "authentication"}]}"""));
Print("cmfy.cloud: rate limited", CmfyCloudErrors.FromResponse(
    429,
    """{"error": {"code": "rate_limit_exceeded", "message": "Rate limit exceeded", "details": {}, "retry_after": 45, "request_id": "req_abc123"}}""",
    new[]
    {
        new KeyValuePair<string, IEnumerable<string>>("Retry-After", new[] { "45" }),
        new KeyValuePair<string, IEnumerable<string>>("X-RateLimit-Remaining", new[] { "0" }),
    }));
const string graphQl = """{"data": null, "errors": [{"message": "Variable $payload got invalid value", "extensions": {"code": "BAD_USER_INPUT"}}]}""";
Console.WriteLine($"Flow: HTTP 200 with an errors array is a failure: {FlowErrors.IsFailure(200, graphQl)}");
Print("Flow: GraphQL error in an HTTP 200", FlowErrors.FromResponse(200, graphQl));

// Safe retries: the handler retries what the catalog says to retry, never earlier than the server asked, and never a
// POST the server may have acted on. (A scripted in-process handler stands in for cmfy.cloud here.)
Console.WriteLine("== Safe retries with ApiErrorRetryHandler");
var cmfy = new ScriptedCmfy();
var retries = new ApiErrorRetryOptions
{
    OnRetry = e => Console.WriteLine($"   retry {e.Attempt + 1} in {e.Advice.Delay.TotalSeconds:0.##}s: {e.Advice.Reason} ({e.Error.RawCode}, HTTP {e.Error.HttpStatus})"),
};
using (var http = new HttpClient(new ApiErrorRetryHandler(cmfy, CmfyCloudErrors.Catalog, retries)) { BaseAddress = new Uri("https://api.cmfy.cloud/") })
{
    cmfy.Script(429, 201);
    using HttpResponseMessage accepted = await http.PostAsync("/api/v1/jobs", new StringContent("{}"));
    Console.WriteLine($"   POST after a 429 rate limit: {(int)accepted.StatusCode} after {cmfy.Calls} attempts (a refusal is safe to repeat)");

    cmfy.Script(500, 201);
    using HttpResponseMessage failed = await http.PostAsync("/api/v1/jobs", new StringContent("{}"));
    CmfyCloudException notRepeated = await CmfyCloudErrors.FromResponseAsync(failed);
    RetryAdvice advice = RetryAdvisor.Decide(notRepeated, failed.RequestMessage, 0);
    Console.WriteLine($"   POST after a 500: {(int)failed.StatusCode} after {cmfy.Calls} attempt, not repeated: {advice.Reason}");
}

Console.WriteLine();
Console.WriteLine($"Catalogs: RunComfy Trainer {RunComfyTrainerErrors.All.Count} codes, RunComfy Serverless {RunComfyServerlessErrors.All.Count}, " +
    $"Runware {RunwareErrors.All.Count}, cmfy.cloud {CmfyCloudErrors.All.Count}, Flow {FlowErrors.StatusRules.Count} status rules.");

static void Print(string what, ApiErrorException error)
{
    Console.WriteLine($"== {what}");
    Console.WriteLine($"   exception : {error.GetType().Name}");
    string code = error.Descriptor is { } d ? (d.Name == d.Code ? d.Code : $"{d.Code} {d.Name}") : "Unknown";
    Console.WriteLine($"   code      : {code} (raw '{error.RawCode ?? "none"}'), HTTP {error.HttpStatus}");
    Console.WriteLine($"   message   : {error.Message}");
    string retry = error.IsRetryable
        ? $"yes ({error.RetryStrategy}), first wait {error.GetRetryDelay(0)?.TotalSeconds}s"
        : "no: change the request first";
    Console.WriteLine($"   retry     : {retry}");
    if (error.RequestId is not null)
    {
        Console.WriteLine($"   request id: {error.RequestId}");
    }

    foreach (ApiError item in error.Errors)
    {
        if (error.Errors.Count > 1)
        {
            Console.WriteLine($"   error     : {item.Code} (task {item.TaskId ?? "-"}): {item.Message}");
        }

        foreach (string detail in item.Details)
        {
            Console.WriteLine($"   detail    : {detail}");
        }
    }

    if (error.Remediation is { } remediation)
    {
        Console.WriteLine("   what to do:");
        foreach (string line in remediation.Split('\n'))
        {
            Console.WriteLine("     " + line);
        }
    }

    Console.WriteLine();
}

/// <summary>Answers like cmfy.cloud with the scripted statuses in turn: a 429 rate limit, a 500, or success.</summary>
internal sealed class ScriptedCmfy : HttpMessageHandler
{
    private int[] _statuses = Array.Empty<int>();

    public int Calls { get; private set; }

    public void Script(params int[] statuses)
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
            429 => new StringContent("""{"error": {"code": "rate_limit_exceeded", "message": "Rate limit exceeded", "request_id": "req_q1"}}"""),
            500 => new StringContent("""{"error": {"code": "internal_error", "message": "An unexpected error occurred", "request_id": "req_q2"}}"""),
            _ => new StringContent("""{"job_id": "job_1"}"""),
        };
        if (status == 429)
        {
            response.Headers.Add("Retry-After", "1");
        }

        return Task.FromResult(response);
    }
}
