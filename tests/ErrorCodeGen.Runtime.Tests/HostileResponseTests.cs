using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using ErrorCodeGen;
using ErrorCodeGen.Runtime.Tests.Infrastructure;
using NUnit.Framework;

namespace ErrorCodeGen.Runtime.Tests;

/// <summary>Bodies and headers an attacker, a broken proxy or a bug could send: always a typed exception, never a leak.</summary>
public class HostileResponseTests
{
    [Test]
    public void Hundred_thousand_open_brackets_do_not_overflow_the_stack()
    {
        string body = new string('[', 100_000);
        foreach (string b in new[] { body, "{\"error_code\": " + body, "{\"detail\":" + body + new string(']', 100_000) + "}" })
        {
            RunComfyTrainerException ex = RunComfyTrainerErrors.FromResponse(500, b);
            Assert.That(ex.Code, Is.EqualTo(RunComfyTrainerErrorCode.Unknown));
            Assert.That(ex.Response.BodyKind, Is.EqualTo(ErrorBodyKind.Malformed));
            Assert.That(ex.Response.Problem, Does.Contain("nested deeper"));
        }
    }

    [Test]
    public void Oversized_body_is_not_parsed()
    {
        string body = "{\"error_code\": 42258, \"message\": \"" + new string('x', ErrorResponseReader.MaxBodyBytes) + "\"}";
        RunComfyTrainerException ex = RunComfyTrainerErrors.FromResponse(422, body);

        Assert.That(ex.Response.BodyKind, Is.EqualTo(ErrorBodyKind.TooLarge));
        Assert.That(ex.Code, Is.EqualTo(RunComfyTrainerErrorCode.Unknown));
        Assert.That(ex.Message.Length, Is.LessThan(1100));
    }

    [Test]
    public void Long_server_message_is_shortened_to_one_line()
    {
        string body = "{\"error_code\": 42258, \"message\": \"" + string.Concat(Enumerable.Repeat("line\\nbreak ", 5000)) + "\"}";
        RunComfyTrainerException ex = RunComfyTrainerErrors.FromResponse(422, body);

        Assert.That(ex.Code, Is.EqualTo(RunComfyTrainerErrorCode.Flux2OomRisk));
        Assert.That(ex.Message, Does.Not.Contain("\n"));
        Assert.That(ex.Message.Length, Is.LessThanOrEqualTo(1000));
    }

    [Test]
    public void Secrets_in_headers_never_reach_message_or_ToString()
    {
        var headers = TestHeaders.Of(
            ("Authorization", "Bearer sk-live-SECRET123456"),
            ("X-Api-Key", "key-SECRET123456"),
            ("Set-Cookie", "session=SECRET123456"),
            ("Retry-After", "7"),
            ("X-Request-Id", "req_42"));
        RunComfyTrainerException ex = RunComfyTrainerErrors.FromResponse(500, """{"error_code": 50001}""", headers);

        Assert.That(ex.ToString(), Does.Not.Contain("SECRET"));
        Assert.That(ex.Message, Does.Not.Contain("SECRET"));
        Assert.That(ex.RetryAfter, Is.EqualTo(TimeSpan.FromSeconds(7)));
        Assert.That(ex.RequestId, Is.EqualTo("req_42"));
    }

    [TestCase("Invalid token: Bearer sk-live-abcdef123456 was refused")]
    [TestCase("api_key=abcdef123456 is revoked")]
    [TestCase("{\"apiKey\": \"abcdef123456\"} rejected")]
    public void Secrets_echoed_by_the_server_are_masked_in_the_message(string serverMessage)
    {
        string body = "{\"error_code\": 42258, \"message\": " + System.Text.Json.JsonSerializer.Serialize(serverMessage) + "}";
        RunComfyTrainerException ex = RunComfyTrainerErrors.FromResponse(401, body);

        Assert.That(ex.Message, Does.Not.Contain("abcdef123456"));
        Assert.That(ex.ServerMessage, Is.EqualTo(serverMessage), "the raw message stays reachable for the caller");
    }

    [Test]
    public void Retry_after_as_http_date_and_garbage()
    {
        string future = DateTimeOffset.UtcNow.AddSeconds(90).ToString("r");
        RunComfyTrainerException dated = RunComfyTrainerErrors.FromResponse(503, "", TestHeaders.Of(("Retry-After", future)));
        Assert.That(dated.RetryAfter!.Value.TotalSeconds, Is.InRange(80, 91));

        Assert.That(RunComfyTrainerErrors.FromResponse(503, "", TestHeaders.Of(("Retry-After", "soon"))).RetryAfter, Is.Null);
        Assert.That(RunComfyTrainerErrors.FromResponse(503, "", TestHeaders.Of(("Retry-After", "-5"))).RetryAfter, Is.Null);
        Assert.That(RunComfyTrainerErrors.FromResponse(503, "", TestHeaders.Of(("Retry-After", "1e308"))).RetryAfter, Is.Null.Or.EqualTo(TimeSpan.FromDays(365)));
    }

    [Test]
    public void Invalid_utf8_and_binary_bodies_are_typed()
    {
        byte[] bytes = { 0x7B, 0x22, 0x65, 0xFF, 0xFE, 0x22, 0x3A, 0x31, 0x7D };
        ErrorResponse response = ErrorResponseReader.Read(ErrorWireFormat.RunComfy, 500, bytes);
        Assert.That(response.BodyKind, Is.EqualTo(ErrorBodyKind.Malformed));

        ErrorResponse binary = ErrorResponseReader.Read(ErrorWireFormat.RunComfy, 500, new byte[] { 0, 1, 2, 3, 0xFF });
        Assert.That(binary.BodyKind, Is.EqualTo(ErrorBodyKind.NotJson));
    }

    [Test]
    public void A_non_json_bodys_excerpt_is_its_title_or_the_start_of_its_text()
    {
        Assert.That(ErrorResponseReader.Read(ErrorWireFormat.Cmfy, 502, "Bad Gateway\n\nThe upstream server did not answer.").NonJsonExcerpt,
            Is.EqualTo("Bad Gateway The upstream server did not answer."));

        // Byte-order marks before the page (the reader drops the first; any more are not content either).
        foreach (string page in new[] { "<html><body>x</body></html>", "\uFEFF<html><body>x</body></html>", "\uFEFF\uFEFF <html><body>x</body></html>", "\uFEFF \uFEFF<html><body>x</body></html>", " \uFEFF\n\u3000\uFEFF <html></html>" })
        {
            ErrorResponse response = ErrorResponseReader.Read(ErrorWireFormat.Cmfy, 502, "\uFEFF" + page);
            Assert.That((response.BodyKind, response.NonJsonExcerpt), Is.EqualTo((ErrorBodyKind.NotJson, "an HTML page")), page);
        }
    }

    [Test]
    public void Wrong_json_types_do_not_escape()
    {
        foreach (string body in new[] { "[]", "[1,2]", "{\"error_code\": {\"a\": 1}}", "{\"error_code\": [1]}", "{\"message\": 5}", "\"just a string\"", "42", "null" })
        {
            Assert.DoesNotThrow(() => RunComfyTrainerErrors.FromResponse(500, body), body);
            Assert.DoesNotThrow(() => CmfyCloudErrors.FromResponse(500, body), body);
            Assert.DoesNotThrow(() => RunwareErrors.FromResponse(500, body), body);
            Assert.DoesNotThrow(() => FlowErrors.FromResponse(500, body), body);
        }
    }

    [Test]
    public void Random_bytes_never_throw()
    {
        var random = new Random(1234);
        var samples = new List<string> { "{\"errors\": [", "{\"error\": {\"code\": ", "{\"error_code\": 1" };
        for (int i = 0; i < 2000; i++)
        {
            var sb = new StringBuilder(samples[i % samples.Count]);
            int n = random.Next(0, 40);
            for (int j = 0; j < n; j++)
            {
                const string alphabet = "{}[]\",:0123456789aeltrunfs\\ \u00e9\ud83d\ude80";
                sb.Append(alphabet[random.Next(0, alphabet.Length)]);
            }

            string body = sb.ToString();
            Assert.DoesNotThrow(() => RunComfyTrainerErrors.FromResponse(500, body), body);
            Assert.DoesNotThrow(() => CmfyCloudErrors.FromResponse(429, body), body);
            Assert.DoesNotThrow(() => RunwareErrors.FromResponse(400, body), body);
            Assert.DoesNotThrow(() => FlowErrors.FromResponse(200, body), body);
        }
    }
}
