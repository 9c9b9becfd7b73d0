using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using ErrorCodeGen;
using NUnit.Framework;

namespace ErrorCodeGen.Runtime.Tests;

/// <summary>
/// The promises of docs/runtime.md under hostile bodies: byte-order marks, duplicate keys, bounds on every kept string,
/// allocation past the item cap, log spoofing, and a Problem text that says what happened.
/// </summary>
public class ReaderHardeningTests
{
    private static readonly ErrorWireFormat[] s_formats = { ErrorWireFormat.RunComfy, ErrorWireFormat.Runware, ErrorWireFormat.Cmfy, ErrorWireFormat.GraphQL };

    // ---- 1. Byte-order mark -------------------------------------------------------------------------------------

    [Test]
    public void Byte_order_mark_in_a_string_is_skipped()
    {
        RunComfyTrainerException ex = RunComfyTrainerErrors.FromResponse(422, "\uFEFF{\"error_code\":42258}");

        Assert.That(ex.Response.BodyKind, Is.EqualTo(ErrorBodyKind.Json));
        Assert.That(ex.Code, Is.EqualTo(RunComfyTrainerErrorCode.Flux2OomRisk));
    }

    [TestCase(ErrorWireFormat.RunComfy, "{\"error_code\":42258}", "42258")]
    [TestCase(ErrorWireFormat.Runware, "{\"errors\":[{\"code\":\"invalidApiKey\"}]}", "invalidApiKey")]
    [TestCase(ErrorWireFormat.Cmfy, "{\"error\":{\"code\":\"queue_full\"}}", "queue_full")]
    [TestCase(ErrorWireFormat.GraphQL, "{\"errors\":[{\"message\":\"m\",\"extensions\":{\"code\":\"X\"}}]}", "X")]
    public void Byte_order_mark_in_bytes_is_skipped_in_every_format(ErrorWireFormat format, string json, string code)
    {
        byte[] bytes = new byte[] { 0xEF, 0xBB, 0xBF }.Concat(Encoding.UTF8.GetBytes(json)).ToArray();
        foreach (ErrorResponse response in new[]
        {
            ErrorResponseReader.Read(format, 400, bytes),
            ErrorResponseReader.Read(format, 400, "\uFEFF" + json),
            ErrorResponseReader.Read(format, 400, "\uFEFF  \n" + json),
        })
        {
            Assert.That(response.BodyKind, Is.EqualTo(ErrorBodyKind.Json), response.Problem);
            Assert.That(response.RawCode, Is.EqualTo(code));
        }
    }

    [Test]
    public void Only_one_leading_byte_order_mark_is_skipped()
    {
        // A second mark is content, and not JSON.
        ErrorResponse response = ErrorResponseReader.Read(ErrorWireFormat.RunComfy, 422, "\uFEFF\uFEFF{\"error_code\":42258}");
        Assert.That(response.BodyKind, Is.EqualTo(ErrorBodyKind.NotJson));
    }

    // ---- 2. Duplicate keys: the first occurrence wins, every later value is consumed whole ----------------------

    [Test]
    public void Duplicate_message_holding_an_object_does_not_put_the_reader_out_of_step()
    {
        RunComfyTrainerException ex = RunComfyTrainerErrors.FromResponse(422, """{"error_code":42258,"message":"a","error_message":{"error_code":40401}}""");

        Assert.That(ex.Code, Is.EqualTo(RunComfyTrainerErrorCode.Flux2OomRisk));
        Assert.That(ex.ServerMessage, Is.EqualTo("a"));
        Assert.That(ex.Response.BodyKind, Is.EqualTo(ErrorBodyKind.Json));
    }

    [Test]
    public void Cmfy_request_id_holding_an_error_object_is_not_a_second_error()
    {
        CmfyCloudException ex = CmfyCloudErrors.FromResponse(429, """{"error":{"code":"queue_full","request_id":"r1"},"request_id":{"error":{"code":"invalid_api_key"}}}""");

        Assert.That(ex.Errors, Has.Count.EqualTo(1));
        Assert.That(ex.Code, Is.EqualTo(CmfyCloudErrorCode.QueueFull));
        Assert.That(ex.RequestId, Is.EqualTo("r1"));
    }

    [Test]
    public void Duplicate_message_holding_an_array_does_not_hide_the_code()
    {
        Assert.That(RunComfyTrainerErrors.IsFailure(200, """{"message":"a","message":[1],"error_code":42258}"""), Is.True);
        Assert.That(RunComfyTrainerErrors.FromResponse(200, """{"message":"a","message":[1],"error_code":42258}""").Code, Is.EqualTo(RunComfyTrainerErrorCode.Flux2OomRisk));
    }

    private static readonly string[] s_hostileValues =
    {
        "\"second\"", "2", "true", "null", "[]", "{}", "[1,[2,{\"error_code\":40401}]]", "{\"error_code\":40401,\"code\":\"invalid_api_key\"}",
        "{\"errors\":[{\"code\":\"invalidApiKey\"}]}", "{\"error\":{\"code\":\"invalid_api_key\"}}", "[\"message\",\"x\"]",
    };

    private static IEnumerable<TestCaseData> DuplicateCases()
    {
        // (format, body with a {DUP} marker where a duplicate key and value go, the key, the expected code and message)
        var shapes = new (ErrorWireFormat Format, string Body, string[] Keys)[]
        {
            (ErrorWireFormat.RunComfy, "{\"error_code\":42258,\"message\":\"first\",\"request_id\":\"r1\",\"detail\":[\"d\"],{DUP}\"x\":1}", new[] { "error_code", "message", "error_message", "request_id", "detail" }),
            (ErrorWireFormat.Cmfy, "{\"error\":{\"code\":\"queue_full\",\"message\":\"first\",\"request_id\":\"r1\",\"details\":{\"a\":\"b\"},\"retry_after\":7,{DUP}\"x\":1},\"y\":2}", new[] { "code", "message", "request_id", "details", "retry_after" }),
            (ErrorWireFormat.Cmfy, "{\"error\":{\"code\":\"queue_full\",\"message\":\"first\",\"retry_after\":7},\"request_id\":\"r1\",{DUP}\"y\":2}", new[] { "error", "request_id" }),
            (ErrorWireFormat.Runware, "{\"errors\":[{\"code\":\"invalidApiKey\",\"message\":\"first\",\"parameter\":\"p\",\"taskType\":\"t\",\"taskUUID\":\"u\",\"documentation\":\"d\",{DUP}\"x\":1}],\"requestId\":\"r1\"}", new[] { "code", "message", "parameter", "taskType", "taskUUID", "documentation" }),
            (ErrorWireFormat.Runware, "{\"errors\":[{\"code\":\"invalidApiKey\",\"message\":\"first\"}],\"request_id\":\"r1\",{DUP}\"z\":0}", new[] { "errors", "request_id", "requestId" }),
            (ErrorWireFormat.GraphQL, "{\"errors\":[{\"message\":\"first\",\"path\":[\"a\",1],\"extensions\":{\"code\":\"X\",\"k\":1},{DUP}\"x\":1}],\"data\":null}", new[] { "message", "path", "extensions" }),
            (ErrorWireFormat.GraphQL, "{\"errors\":[{\"message\":\"first\",\"extensions\":{\"code\":\"X\",{DUP}\"k\":1}}]}", new[] { "code" }),
        };
        foreach (var shape in shapes)
        {
            foreach (string key in shape.Keys)
            {
                foreach (string value in s_hostileValues)
                {
                    yield return new TestCaseData(shape.Format, shape.Body, key, value)
                        .SetName($"Duplicate_{shape.Format}_{key}_{s_hostileValues.ToList().IndexOf(value)}_{Array.IndexOf(shapes, shape)}");
                }
            }
        }
    }

    [TestCaseSource(nameof(DuplicateCases))]
    public void A_duplicate_key_of_any_type_changes_nothing(ErrorWireFormat format, string template, string key, string value)
    {
        string clean = template.Replace("{DUP}", string.Empty);
        string hostile = template.Replace("{DUP}", "\"" + key + "\":" + value + ",");
        ErrorResponse expected = ErrorResponseReader.Read(format, 400, clean);
        ErrorResponse actual = ErrorResponseReader.Read(format, 400, hostile);

        Assert.That(expected.BodyKind, Is.EqualTo(ErrorBodyKind.Json), clean);
        Assert.That(Describe(actual), Is.EqualTo(Describe(expected)), hostile);
    }

    /// <summary>Everything a caller can see of a response, as text, to compare two readings.</summary>
    internal static string Describe(ErrorResponse r)
    {
        var sb = new StringBuilder();
        sb.Append(r.BodyKind).Append('|').Append(r.RequestId).Append('|').Append(r.RetryAfter).Append('|').Append(r.HasErrorPayload).Append('|').Append(r.Errors.Count);
        foreach (ApiError e in r.Errors)
        {
            sb.Append("\n[").Append(e.Code).Append('|').Append(e.Message).Append('|').Append(e.Parameter).Append('|').Append(e.TaskType).Append('|')
              .Append(e.TaskId).Append('|').Append(e.DocumentationUrl).Append('|').Append(e.Path).Append('|').Append(string.Join(";", e.Details))
              .Append('|').Append(string.Join(";", e.ExtraFields.Where(f => f.Key != "x").Select(f => f.Key + "=" + f.Value))).Append(']');
        }

        return sb.ToString();
    }

    [Test]
    public void A_null_first_occurrence_counts_as_absent()
    {
        ErrorResponse response = ErrorResponseReader.Read(ErrorWireFormat.RunComfy, 422, """{"error_code":null,"error_code":42258}""");
        Assert.That(response.RawCode, Is.EqualTo("42258"));
    }

    [Test]
    public void A_second_errors_array_and_a_second_error_object_are_ignored()
    {
        ErrorResponse runware = ErrorResponseReader.Read(ErrorWireFormat.Runware, 400, """{"errors":[{"code":"a"}],"errors":[{"code":"b"},{"code":"c"}]}""");
        Assert.That(runware.Errors.Select(e => e.Code), Is.EqualTo(new[] { "a" }));

        ErrorResponse cmfy = ErrorResponseReader.Read(ErrorWireFormat.Cmfy, 400, """{"error":{"code":"a"},"error":{"code":"b"}}""");
        Assert.That(cmfy.Errors.Select(e => e.Code), Is.EqualTo(new[] { "a" }));
    }

    // ---- 3. Every kept string is cut to its bound ----------------------------------------------------------------

    [Test]
    public void A_900000_digit_code_is_cut_to_the_code_bound()
    {
        string digits = new string('7', 900_000);
        RunComfyTrainerException ex = RunComfyTrainerErrors.FromResponse(422, "{\"error_code\":" + digits + "}");

        Assert.That(ex.RawCode!.Length, Is.LessThanOrEqualTo(ReaderLimits.MaxCodeLength));
        Assert.That(ex.RawCode, Does.EndWith("…"));
        Assert.That(ex.Code, Is.EqualTo(RunComfyTrainerErrorCode.Unknown));

        ErrorResponse quoted = ErrorResponseReader.Read(ErrorWireFormat.Cmfy, 400, "{\"error\":{\"code\":\"" + digits + "\"}}");
        Assert.That(quoted.RawCode!.Length, Is.EqualTo(ReaderLimits.MaxCodeLength));
    }

    [Test]
    public void A_100000_character_property_name_is_cut_in_extra_fields()
    {
        string name = new string('n', 100_000);
        ErrorResponse response = ErrorResponseReader.Read(ErrorWireFormat.Runware, 400, "{\"errors\":[{\"code\":\"c\",\"" + name + "\":1}]}");

        string key = response.Errors[0].ExtraFields.Keys.Single();
        Assert.That(key.Length, Is.EqualTo(ReaderLimits.MaxFieldNameLength));
        Assert.That(key, Does.EndWith("…"));
    }

    [Test]
    public void Cmfy_details_graphql_path_and_fastapi_detail_stay_within_the_string_bound()
    {
        string big = new string('v', 20_000);
        ErrorResponse cmfy = ErrorResponseReader.Read(ErrorWireFormat.Cmfy, 400, "{\"error\":{\"code\":\"c\",\"details\":{\"" + big + "\":\"" + big + "\",\"n\":[\"" + big + "\"]}}}");
        Assert.That(cmfy.Errors[0].Details, Has.Count.EqualTo(2));
        Assert.That(cmfy.Errors[0].Details.Max(d => d.Length), Is.LessThanOrEqualTo(ReaderLimits.MaxStringLength));

        string segments = string.Join(",", Enumerable.Repeat("\"" + new string('s', 3000) + "\"", 20));
        ErrorResponse graphql = ErrorResponseReader.Read(ErrorWireFormat.GraphQL, 200, "{\"errors\":[{\"message\":\"m\",\"path\":[" + segments + "]}]}");
        Assert.That(graphql.Errors[0].Path!.Length, Is.LessThanOrEqualTo(ReaderLimits.MaxStringLength));

        ErrorResponse fastApi = ErrorResponseReader.Read(ErrorWireFormat.RunComfy, 422, "{\"error_code\":422001,\"detail\":[{\"loc\":[" + segments + "],\"msg\":\"" + big + "\"}]}");
        Assert.That(fastApi.Errors[0].Details.Single().Length, Is.LessThanOrEqualTo(ReaderLimits.MaxStringLength));
        Assert.That(fastApi.RawCode, Is.EqualTo("422001"));
    }

    [Test]
    public void Escaped_strings_request_ids_and_raw_json_are_bounded_too()
    {
        string escaped = string.Concat(Enumerable.Repeat("\\u0041\\n", 15_000));
        ErrorResponse response = ErrorResponseReader.Read(
            ErrorWireFormat.RunComfy,
            500,
            "{\"error_code\":\"" + escaped + "\",\"message\":\"" + escaped + "\",\"request_id\":\"" + escaped + "\",\"extra\":[\"" + escaped + "\"]}");

        Assert.That(response.RawCode!.Length, Is.EqualTo(ReaderLimits.MaxCodeLength));
        Assert.That(response.Message!.Length, Is.EqualTo(ReaderLimits.MaxStringLength));
        Assert.That(response.RequestId!.Length, Is.EqualTo(ReaderLimits.MaxRequestIdLength));
        Assert.That(response.Errors[0].ExtraFields["extra"].Length, Is.EqualTo(ReaderLimits.MaxRawJsonLength));
    }

    [Test]
    public void Request_id_header_is_bounded()
    {
        var headers = new[] { new KeyValuePair<string, IEnumerable<string>>("X-Request-Id", new[] { new string('r', 100_000) }) };
        ErrorResponse response = ErrorResponseReader.Read(ErrorWireFormat.RunComfy, 500, "{}", headers);
        Assert.That(response.RequestId!.Length, Is.EqualTo(ReaderLimits.MaxRequestIdLength));
    }

    [Test]
    public void A_cut_never_splits_a_surrogate_pair()
    {
        string rockets = string.Concat(Enumerable.Repeat("\ud83d\ude80", 10_000));
        ErrorResponse response = ErrorResponseReader.Read(ErrorWireFormat.RunComfy, 500, "{\"error_code\":\"" + rockets + "\",\"message\":\"" + rockets + "\"}");

        foreach (string s in new[] { response.RawCode!, response.Message! })
        {
            string beforeEllipsis = s.Substring(0, s.Length - 1);
            Assert.That(char.IsHighSurrogate(beforeEllipsis[^1]), Is.False);
            Assert.That(beforeEllipsis.Replace("\ud83d\ude80", string.Empty), Is.Empty);
        }
    }

    // ---- 4. Items past the cap are skipped, not built ---------------------------------------------------------

    private static string OneMebibyte(string prefix, string item, string suffix)
    {
        var sb = new StringBuilder(ReaderLimits.MaxBodyBytes);
        sb.Append(prefix).Append(item);
        while (sb.Length + item.Length + 1 + suffix.Length <= ReaderLimits.MaxBodyBytes)
        {
            sb.Append(',').Append(item);
        }

        return sb.Append(suffix).ToString();
    }

    private static IEnumerable<TestCaseData> CapBodies()
    {
        yield return new TestCaseData(ErrorWireFormat.Runware, OneMebibyte("{\"errors\":[", "1", "]}")).SetName("Cap_errors_of_numbers");
        yield return new TestCaseData(ErrorWireFormat.Runware, OneMebibyte("{\"errors\":[", "{\"code\":\"c\",\"message\":\"m\"}", "]}")).SetName("Cap_errors_of_objects");
        yield return new TestCaseData(ErrorWireFormat.GraphQL, OneMebibyte("{\"errors\":[", "\"s\"", "]}")).SetName("Cap_errors_of_strings");
        yield return new TestCaseData(ErrorWireFormat.RunComfy, OneMebibyte("{\"error_code\":1,\"detail\":[", "\"d\"", "]}")).SetName("Cap_detail_entries");
        yield return new TestCaseData(ErrorWireFormat.RunComfy, OneMebibyte("{\"error_code\":1,\"detail\":[", "{\"loc\":[\"a\"],\"msg\":\"m\"}", "]}")).SetName("Cap_detail_objects");
        yield return new TestCaseData(ErrorWireFormat.Cmfy, OneMebibyte("{\"error\":{\"code\":\"c\",\"details\":{", "\"k\":1", "}}}")).SetName("Cap_cmfy_details_with_duplicate_names");
        yield return new TestCaseData(ErrorWireFormat.RunComfy, BuildDistinctFields()).SetName("Cap_extra_fields");
    }

    private static string BuildDistinctFields()
    {
        var sb = new StringBuilder("{\"error_code\":1");
        for (int i = 0; sb.Length < ReaderLimits.MaxBodyBytes - 40; i++)
        {
            sb.Append(",\"f").Append(i).Append("\":[1]");
        }

        return sb.Append('}').ToString();
    }

    [TestCaseSource(nameof(CapBodies))]
    public void Allocation_stays_within_a_small_multiple_of_the_body(ErrorWireFormat format, string body)
    {
        byte[] bytes = Encoding.UTF8.GetBytes(body);
        Assert.That(bytes.Length, Is.LessThanOrEqualTo(ReaderLimits.MaxBodyBytes), "the body must be read, not refused as too large");
        ErrorResponseReader.Read(format, 400, bytes); // warm up

        long before = GC.GetAllocatedBytesForCurrentThread();
        ErrorResponse response = ErrorResponseReader.Read(format, 400, bytes);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.That(response.BodyKind, Is.EqualTo(ErrorBodyKind.Json), response.Problem);
        Assert.That(response.Errors.Count, Is.LessThanOrEqualTo(ReaderLimits.MaxErrors));
        Assert.That(response.Errors.Sum(e => e.Details.Count), Is.LessThanOrEqualTo(ReaderLimits.MaxErrors * ReaderLimits.MaxDetails));
        Assert.That(response.Errors.Max(e => e.ExtraFields.Count), Is.LessThanOrEqualTo(ReaderLimits.MaxExtraFields));
        // Past the caps nothing is built: what is kept is bounded, whatever the body's length. The bytes themselves are
        // read in place, so a mebibyte body costs a fraction of its size.
        Assert.That(allocated, Is.LessThan(bytes.Length / 2), $"{allocated:N0} bytes allocated for a {bytes.Length:N0}-byte body");

        long beforeString = GC.GetAllocatedBytesForCurrentThread();
        ErrorResponseReader.Read(format, 400, body);
        long allocatedString = GC.GetAllocatedBytesForCurrentThread() - beforeString;
        Assert.That(allocatedString, Is.LessThan(3L * bytes.Length), $"{allocatedString:N0} bytes allocated for a {body.Length:N0}-character string");
    }

    [Test]
    public void The_cap_keeps_the_first_items_and_still_reads_to_the_end()
    {
        string body = OneMebibyte("{\"errors\":[", "{\"code\":\"c\"}", "],\"request_id\":\"late\"}");
        ErrorResponse response = ErrorResponseReader.Read(ErrorWireFormat.Runware, 400, body);

        Assert.That(response.Errors, Has.Count.EqualTo(ReaderLimits.MaxErrors));
        Assert.That(response.RequestId, Is.EqualTo("late"));
        Assert.That(response.BodyKind, Is.EqualTo(ErrorBodyKind.Json));
    }

    // ---- 9. Log spoofing ---------------------------------------------------------------------------------------

    [Test]
    public void Bidirectional_overrides_and_zero_width_characters_never_reach_the_message()
    {
        var invisible = new List<char> { '\u061C', '\uFEFF' };
        for (char c = '\u200B'; c <= '\u200F'; c++)
        {
            invisible.Add(c);
        }

        for (char c = '\u202A'; c <= '\u202E'; c++)
        {
            invisible.Add(c);
        }

        for (char c = '\u2060'; c <= '\u2069'; c++)
        {
            if (c <= '\u2064' || c >= '\u2066')
            {
                invisible.Add(c);
            }
        }

        foreach (char c in invisible)
        {
            string text = "safe" + c + "txt.exe" + c + " end";
            string json = System.Text.Json.JsonSerializer.Serialize(text);
            RunComfyTrainerException ex = RunComfyTrainerErrors.FromResponse(422, "{\"error_code\":\"x" + c + "y\",\"message\":" + json + "}");
            Assert.That(ex.Message.IndexOf(c), Is.EqualTo(-1), $"U+{(int)c:X4} in the message");
            Assert.That(ex.Errors[0].ToString().IndexOf(c), Is.EqualTo(-1), $"U+{(int)c:X4} in the error's ToString");
            Assert.That(ex.Message, Does.Contain("safetxt.exe end"));
            Assert.That(ex.ServerMessage, Is.EqualTo(text), "the raw text stays reachable");

            string html = "<html><title>Bad" + c + "Gateway</title></html>";
            Assert.That(RunComfyTrainerErrors.FromResponse(502, html).Message.IndexOf(c), Is.EqualTo(-1));
        }
    }

    // ---- 10. The Problem text says what happened ---------------------------------------------------------------

    [Test]
    public void A_syntax_error_at_depth_63_is_a_syntax_error()
    {
        string body = new string('[', 63) + "1,}" + new string(']', 63);
        ErrorResponse response = ErrorResponseReader.Read(ErrorWireFormat.RunComfy, 500, body);

        Assert.That(response.BodyKind, Is.EqualTo(ErrorBodyKind.Malformed));
        Assert.That(response.Problem, Does.StartWith("the JSON is invalid at byte").And.Not.Contain("nested"));
    }

    [TestCase(64, ErrorBodyKind.Json)]
    [TestCase(65, ErrorBodyKind.Malformed)]
    public void Nesting_up_to_the_limit_is_read_and_past_it_is_named(int depth, ErrorBodyKind kind)
    {
        string body = new string('[', depth) + new string(']', depth);
        ErrorResponse response = ErrorResponseReader.Read(ErrorWireFormat.RunComfy, 500, body);

        Assert.That(response.BodyKind, Is.EqualTo(kind));
        if (kind == ErrorBodyKind.Malformed)
        {
            Assert.That(response.Problem, Does.StartWith("the JSON is nested deeper than 64 levels"));
        }
    }

    [Test]
    public void Deep_nesting_that_is_also_cut_off_names_the_nesting()
    {
        ErrorResponse response = ErrorResponseReader.Read(ErrorWireFormat.RunComfy, 500, new string('[', 100));
        Assert.That(response.Problem, Does.Contain("nested deeper"));

        ErrorResponse shallow = ErrorResponseReader.Read(ErrorWireFormat.RunComfy, 500, new string('[', 10));
        Assert.That(shallow.BodyKind, Is.EqualTo(ErrorBodyKind.Truncated));
    }

    [Test]
    public void Invalid_utf8_says_so_and_keeps_what_was_read()
    {
        byte[] bytes = Encoding.UTF8.GetBytes("{\"error_code\":42258,\"message\":\"bad X\"}");
        bytes[Array.IndexOf(bytes, (byte)'X')] = 0xFF;
        ErrorResponse response = ErrorResponseReader.Read(ErrorWireFormat.RunComfy, 422, bytes);

        Assert.That(response.BodyKind, Is.EqualTo(ErrorBodyKind.Malformed));
        Assert.That(response.Problem, Does.StartWith("the body is not valid UTF-8 (at byte 35)"));
        Assert.That(response.RawCode, Is.EqualTo("42258"));
        Assert.That(response.Message, Is.EqualTo("bad \uFFFD"));

        byte[] inName = { 0x7B, 0x22, 0x65, 0xFF, 0xFE, 0x22, 0x3A, 0x31, 0x7D };
        Assert.That(ErrorResponseReader.Read(ErrorWireFormat.RunComfy, 500, inName).Problem, Does.StartWith("the body is not valid UTF-8 (at byte 3)"));

        // Overlong forms and encoded surrogates are not UTF-8 either.
        foreach (byte[] bad in new[] { new byte[] { 0xC0, 0xAF }, new byte[] { 0xED, 0xA0, 0x80 }, new byte[] { 0xF4, 0x90, 0x80, 0x80 }, new byte[] { 0xE2, 0x82 } })
        {
            byte[] body = Encoding.UTF8.GetBytes("{\"message\":\"").Concat(bad).Concat(Encoding.UTF8.GetBytes("\"}")).ToArray();
            Assert.That(ErrorResponseReader.Read(ErrorWireFormat.RunComfy, 500, body).Problem, Does.StartWith("the body is not valid UTF-8 (at byte 12)"), BitConverter.ToString(bad));
        }
    }

    [TestCase("{\"error_code\":42258,}", "trailing comma")]
    [TestCase("{\"errors\":[{\"code\":\"a\"},]}", "trailing comma")]
    [TestCase("{\"error_code\":42258 /* note */}", "'/'")]
    [TestCase("// note\n{\"error_code\":42258}", "not JSON")]
    [TestCase("{\"error_code\":42258} // note", "'/'")]
    public void Comments_and_trailing_commas_are_malformed_as_documented(string body, string said)
    {
        ErrorResponse response = ErrorResponseReader.Read(ErrorWireFormat.RunComfy, 500, body);

        Assert.That(response.BodyKind, Is.EqualTo(body.StartsWith("//") ? ErrorBodyKind.NotJson : ErrorBodyKind.Malformed));
        Assert.That(response.Problem, Does.Contain(said).IgnoreCase);
    }

    [Test]
    public void Truncated_and_trailing_garbage_are_told_apart()
    {
        Assert.That(ErrorResponseReader.Read(ErrorWireFormat.RunComfy, 500, "{\"error_code\":42258,\"mess").BodyKind, Is.EqualTo(ErrorBodyKind.Truncated));
        ErrorResponse garbage = ErrorResponseReader.Read(ErrorWireFormat.RunComfy, 500, "{\"error_code\":42258} x");
        Assert.That(garbage.BodyKind, Is.EqualTo(ErrorBodyKind.Malformed));
        Assert.That(garbage.Problem, Does.StartWith("the JSON is invalid at byte"));
    }

    [Test]
    public void An_escaped_lone_surrogate_in_a_name_or_a_value_is_no_exception()
    {
        // Found by the mutation fuzz test: Utf8JsonReader cannot compare or decode such a name.
        foreach (ErrorWireFormat format in s_formats)
        {
            foreach (string body in new[] { "{\"erro\\ud83dr\":1,\"error_code\":42258}", "{\"errors\":[{\"co\\udc00de\":\"x\",\"code\":\"c\"}]}", "{\"error\":{\"\\ud83d\":1,\"code\":\"c\"}}", "{\"error_code\":\"\\ud83d\"}" })
            {
                ErrorResponse response = ErrorResponseReader.Read(format, 400, body);
                Assert.That(response.BodyKind, Is.EqualTo(ErrorBodyKind.Json), body);
            }
        }

        ErrorResponse runware = ErrorResponseReader.Read(ErrorWireFormat.Runware, 400, "{\"errors\":[{\"co\\udc00de\":\"x\",\"code\":\"c\"}]}");
        Assert.That(runware.RawCode, Is.EqualTo("c"));
        Assert.That(runware.Errors[0].ExtraFields.Keys.Single(), Does.StartWith("co"));
    }

    [Test]
    public void Escaped_property_names_are_the_names_they_spell()
    {
        ErrorResponse runware = ErrorResponseReader.Read(ErrorWireFormat.Runware, 400, "{\"err\\u006frs\":[{\"c\\u006fde\":\"x\",\"m\\u0065ssage\":\"y\",\"task\\u0055UID\":\"t\",\"ext\\u0072a\":1}]}");
        Assert.That((runware.RawCode, runware.Message, runware.Errors[0].TaskId), Is.EqualTo(("x", "y", "t")));
        Assert.That(runware.Errors[0].ExtraFields.Keys, Is.EqualTo(new[] { "extra" }));

        ErrorResponse cmfy = ErrorResponseReader.Read(ErrorWireFormat.Cmfy, 429, "{\"error\":{\"code\":\"c\",\"retry\\u005fafter\":7,\"request\\u005fid\":\"r\"}}");
        Assert.That((cmfy.RetryAfter, cmfy.RequestId), Is.EqualTo(((TimeSpan?)TimeSpan.FromSeconds(7), "r")));
    }

    [Test]
    public void Every_format_reads_every_shape_without_exceptions()
    {
        foreach (ErrorWireFormat format in s_formats)
        {
            foreach (string value in s_hostileValues)
            {
                Assert.DoesNotThrow(() => ErrorResponseReader.Read(format, 400, "{\"a\":" + value + "}"));
                Assert.DoesNotThrow(() => ErrorResponseReader.Read(format, 400, "[" + value + "]"));
            }
        }
    }
}

/// <summary>The wire-format registry, the enum and the names the generator accepts agree.</summary>
public class WireFormatRegistryTests
{
    [Test]
    public void Every_enum_value_has_a_reader_and_names_in_order()
    {
        ErrorWireFormat[] values = (ErrorWireFormat[])Enum.GetValues(typeof(ErrorWireFormat));
        Assert.That(ErrorCodeGen.Formats.WireFormatNames.MemberNames, Is.EqualTo(values.Select(v => v.ToString())));
        Assert.That(ErrorCodeGen.Formats.WireFormatNames.CatalogNames, Has.Length.EqualTo(values.Length));
        Assert.That(ErrorCodeGen.Formats.ErrorBodyFormats.All.ToArray().Select(f => f.Format), Is.EqualTo(values));
        foreach (ErrorWireFormat value in values)
        {
            Assert.That(ErrorCodeGen.Formats.ErrorBodyFormats.For(value)!.Format, Is.EqualTo(value));
        }

        Assert.That(ErrorCodeGen.Formats.ErrorBodyFormats.For((ErrorWireFormat)99), Is.Null);
        Assert.That(ErrorResponseReader.Read((ErrorWireFormat)99, 500, "{\"error_code\":1}").BodyKind, Is.EqualTo(ErrorBodyKind.Json), "an unknown format reads nothing, never throws");
    }
}
