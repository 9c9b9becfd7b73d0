// ErrorCodeGen quickstart: real-shaped RunComfy Trainer error responses turned into typed exceptions.
// The types RunComfyTrainerErrors, RunComfyTrainerErrorCode and RunComfyTrainerException are generated at
// compile time from catalog/runcomfy-trainer.errors.yaml.
using System.Net;
using System.Text;
using ErrorCodeGen;
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

Console.WriteLine();
Console.WriteLine($"The catalog has {RunComfyTrainerErrors.All.Count} codes; " +
    $"{RunComfyTrainerErrors.All.Count(d => d.IsRetryable)} are retryable.");

static void Print(string what, RunComfyTrainerException error)
{
    Console.WriteLine($"== {what}");
    Console.WriteLine($"   exception : {error.GetType().Name}");
    Console.WriteLine($"   code      : {error.Code} (raw '{error.RawCode ?? "none"}'), HTTP {error.HttpStatus}");
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
