using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using ErrorCodeGen;
using NUnit.Framework;

namespace ErrorCodeGen.Runtime.Tests;

/// <summary>
/// Mutated real-shaped bodies through every wire format and catalog: no exception, and every promise of docs/runtime.md
/// holds for each. CI runs a fixed seed; <c>ECG_FUZZ_SEED</c> and <c>ECG_FUZZ_BODIES</c> explore more locally
/// (600,000 bodies: <c>ECG_FUZZ_BODIES=600000</c>).
/// </summary>
public class MutationFuzzTests
{
    internal static readonly string[] Seeds =
    {
        """{"error_code": 42258, "message": "FLUX.2 training settings have a high out-of-memory (OOM) risk.", "request_id": "r1"}""",
        """{"error_code": 422001, "message": "Validation Error", "detail": [{"loc": ["body", "overrides", "6"], "msg": "value is not a valid integer", "type": "type_error.integer"}, "free text"]}""",
        """{"errors": [{"code": "invalidApiKey", "message": "Invalid API key", "parameter": "apiKey", "taskType": "authentication", "taskUUID": "a1"}, {"code": "timeoutProvider", "min": 1, "max": 2}]}""",
        """{"data": [], "errors": [{"code": "providerRateLimitExceeded", "message": "slow down", "documentation": "https://runware.ai/docs"}], "requestId": "q"}""",
        """{"error": {"code": "rate_limit_exceeded", "message": "Rate limit exceeded", "details": {"limit": 60, "window": "1m"}, "retry_after": 45, "request_id": "req_abc123"}}""",
        """{"errors": [{"message": "Human-readable message", "path": ["executeWorkflow", 0, "result"], "locations": [{"line": 1, "column": 2}], "extensions": {"code": "ERROR_CODE", "retryable": false}}], "data": null}""",
        "<html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>",
        "",

        // The real bodies of issue 13: Runware's singular error with siblings, legacy frame, bare frame and data[] failures;
        // Lamatic's failed flow, string errors and event stream; RunComfy's camelCase result errors.
        """{"taskType": "imageInference", "error": {"code": "invalidModel", "message": "Unknown model"}, "taskUUID": "9f1c"}""",
        """{"error": true, "errorId": 19, "errorMessage": "Invalid api key", "errorMessageContentId": 1212}""",
        """{"code": "timeoutProvider", "message": "The provider timed out.", "taskUUID": "abc-123", "taskType": "textInference"}""",
        """{"data": [{"taskUUID": "ok", "imageURL": "https://im.runware.ai/1.png", "status": "success"}, {"taskUUID": "bad", "status": "error", "error": {"code": "nsfwContentDetected", "message": "NSFW"}}]}""",
        """{"errors": [{"code": "invalidWidth", "parameter": ["width", "height"], "type": "integer", "min": 256, "max": 2048, "multiplier": 64, "allowedValues": [512, 768], "responseContent": "upstream text", "responseStatusCode": "502", "status": "error"}]}""",
        """{"data": {"executeWorkflow": {"status": "error", "result": {"message": "Node failed"}}}}""",
        """{"data": null, "errors": ["Workflow not found", {"message": "m", "extensions": {"code": "X"}}]}""",
        "data: {\"status\":\"in-progress\"}\n\nevent: error\ndata: {\"status\":\"error\",\"data\":{\"errorMsg\":\"LLM failed\"}}\n\ndata: [DONE]\n\n",
        """{"request_id": "r-7", "status": "failed", "error": [{"errorCode": "OUT_OF_MEMORY", "error": "CUDA out of memory", "debugInfo": {"node": "KSampler"}}]}""",
    };

    private static readonly string[] s_tokens =
    {
        "{", "}", "[", "]", ",", ":", "\"", "\\", "\\u", "\\ud83d", "null", "true", "1e999", "-0", "42258", "\"error_code\"", "\"errors\"",
        "\"error\"", "\"message\"", "\"code\"", "\"detail\"", "/*", "*/", "//", "\uFEFF", "\u202E", "\u200B", "\0", "\n", "🚀", "é",
        "Bearer sk-proj-abcdefghijklmnop", "\"apiKey\":\"s3cr3tv4lue\"", new string('[', 70), new string('9', 400),
        "\"status\"", "\"error\"", "\"data\"", "\"errorId\"", "\"errorMessage\"", "\"errorCode\"", "\"taskUUID\"", "\"executeWorkflow\"",
        "data: ", "\n\n", "\r\n", "event: error\n", ": ping\n",
    };

    private static int Setting(string name, int fallback)
        => int.TryParse(Environment.GetEnvironmentVariable(name), out int value) && value > 0 ? value : fallback;

    [Test]
    public void Mutated_bodies_never_throw_and_keep_every_bound()
    {
        int seed = Setting("ECG_FUZZ_SEED", 20261201);
        int bodies = Setting("ECG_FUZZ_BODIES", 20_000);
        var failures = new List<string>();
        var counts = new int[Enum.GetValues(typeof(ErrorBodyKind)).Length];

        // Two workers at once: the reader is shared static code, and concurrency must not change it.
        Parallel.For(0, 2, worker =>
        {
            var random = new Random(seed + worker);
            for (int i = worker; i < bodies; i += 2)
            {
                string body = Mutate(random, Seeds[random.Next(Seeds.Length)]);
                string? failure = Check(body, random, counts);
                if (failure != null)
                {
                    lock (failures)
                    {
                        failures.Add(failure);
                    }
                }
            }
        });

        Assert.That(failures, Is.Empty, $"seed {seed}: " + string.Join("\n", failures.Take(5)));
        Assert.That(counts.Sum(), Is.EqualTo(bodies * 4), "every body was read by all four formats");
        Assert.That(counts.Count(c => c > 0), Is.GreaterThanOrEqualTo(5), "the mutants reach every kind of body: " + string.Join(",", counts));
    }

    internal static string Mutate(Random random, string seed)
    {
        var sb = new StringBuilder(seed);
        int steps = random.Next(1, 6);
        for (int s = 0; s < steps; s++)
        {
            int at = sb.Length == 0 ? 0 : random.Next(sb.Length + 1);
            switch (random.Next(7))
            {
                case 0:
                    sb.Insert(at, s_tokens[random.Next(s_tokens.Length)]);
                    break;
                case 1 when sb.Length > 0:
                    sb.Remove(Math.Min(at, sb.Length - 1), Math.Min(random.Next(1, 12), sb.Length - Math.Min(at, sb.Length - 1)));
                    break;
                case 2 when sb.Length > 0:
                    int from = random.Next(sb.Length);
                    int length = Math.Min(random.Next(1, 60), sb.Length - from);
                    sb.Insert(at, sb.ToString(from, length));
                    break;
                case 3 when sb.Length > 0:
                    sb.Length = random.Next(sb.Length);
                    break;
                case 4 when sb.Length > 0:
                    sb[Math.Min(at, sb.Length - 1)] = (char)random.Next(0, 0x3000);
                    break;
                case 5:
                    // Duplicate a key with another value.
                    sb.Insert(at, s_tokens[random.Next(14, 21)] + ":" + s_tokens[random.Next(0, 15)] + ",");
                    break;
                default:
                    sb.Insert(at, "\"" + new string('x', random.Next(0, 5000)) + "\"");
                    break;
            }
        }

        return sb.ToString();
    }

    private static string? Check(string body, Random random, int[] counts)
    {
        int status = random.Next(0, 4) switch { 0 => 200, 1 => 429, 2 => 500, _ => 422 };
        try
        {
            byte[] bytes = Encoding.UTF8.GetBytes(body);
            if (random.Next(8) == 0 && bytes.Length > 0)
            {
                // Raw bytes that no string gives: invalid UTF-8.
                bytes[random.Next(bytes.Length)] = (byte)random.Next(0x80, 0x100);
            }

            ApiErrorException[] all =
            {
                RunComfyTrainerErrors.FromResponse(status, body),
                RunwareErrors.FromErrorResponse(ErrorResponseReader.Read(ErrorWireFormat.Runware, status, bytes)),
                CmfyCloudErrors.FromResponse(status, body),
                FlowErrors.FromErrorResponse(ErrorResponseReader.Read(ErrorWireFormat.GraphQL, status, bytes)),
            };
            foreach (ApiErrorException ex in all)
            {
                Interlocked.Increment(ref counts[(int)ex.Response.BodyKind]);
                string? broken = Broken(ex);
                if (broken != null)
                {
                    return broken + " for " + Show(body);
                }
            }

            _ = RunComfyTrainerErrors.IsFailure(status, body);
            _ = FlowErrors.IsFailure(status, body);
            return null;
        }
        catch (Exception ex)
        {
            return ex.GetType().Name + ": " + ex.Message + " for " + Show(body);
        }
    }

    private static string? Broken(ApiErrorException ex)
    {
        string message = ex.Message;
        if (message.Length > 1000 || message.Any(c => char.IsControl(c) || c == '\u202E' || c == '\u200B' || c == '\uFEFF'))
        {
            return "message not one clean line";
        }

        if (ex.Errors.Count > ReaderLimits.MaxErrors || ex.Errors.Any(e => (e.Code?.Length ?? 0) > ReaderLimits.MaxCodeLength
            || (e.Message?.Length ?? 0) > ReaderLimits.MaxStringLength || e.Details.Count > ReaderLimits.MaxDetails))
        {
            return "a bound was exceeded";
        }

        _ = ex.ToString();
        _ = ex.GetRetryDelay(0, out _);
        return null;
    }

    private static string Show(string body) => body.Length > 300 ? body.Substring(0, 300) + "…" : body;
}
