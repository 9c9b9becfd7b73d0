using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using ErrorCodeGen;
using NUnit.Framework;

namespace ErrorCodeGen.Runtime.Tests.Bodies;

/// <summary>
/// The hardening promises of docs/runtime.md for each new body shape of issue 13: never a throw (every prefix of every
/// shape), bounds (items, strings, events, lines), secrets masked, and a key's first non-null occurrence wins.
/// </summary>
public class RealBodyHardeningTests
{
    private const string Secret = "Zq7xK2mW9pL4vR8tB3nY";

    /// <summary>Each new shape, its reader, and a place for a message ({0}).</summary>
    private static IEnumerable<TestCaseData> Shapes()
    {
        yield return Case("runware singular error", ErrorWireFormat.Runware, """{"taskUUID":"t","error":{"code":"invalidModel","message":"{0}"}}""");
        yield return Case("runware error array", ErrorWireFormat.Runware, """{"error":[{"code":"invalidModel","message":"{0}"}]}""");
        yield return Case("runware bare frame", ErrorWireFormat.Runware, """{"code":"invalidModel","message":"{0}","taskUUID":"t"}""");
        yield return Case("runware legacy frame", ErrorWireFormat.Runware, """{"error":true,"errorId":19,"errorMessage":"{0}"}""");
        yield return Case("runware data failure", ErrorWireFormat.Runware, """{"data":[{"taskUUID":"ok"},{"taskUUID":"t","status":"error","error":{"code":"inferenceError","message":"{0}"}}]}""");
        yield return Case("flow failed workflow", ErrorWireFormat.GraphQL, """{"data":{"executeWorkflow":{"status":"error","result":{"message":"{0}"}}}}""");
        yield return Case("flow string errors", ErrorWireFormat.GraphQL, """{"errors":["{0}"]}""");
        yield return Case("flow event stream", ErrorWireFormat.GraphQL, "data: {\"status\":\"in-progress\"}\n\ndata: {\"status\":\"error\",\"data\":{\"errorMsg\":\"{0}\"}}\n\n");
        yield return Case("runcomfy result errors", ErrorWireFormat.RunComfy, """{"status":"failed","error":[{"errorCode":"OOM","error":"{0}"}]}""");
    }

    private static TestCaseData Case(string name, ErrorWireFormat format, string template) => new TestCaseData(format, template).SetName("{m}(" + name + ")");

    private static string Fill(string template, string message) => template.Replace("{0}", message);

    [TestCaseSource(nameof(Shapes))]
    public void Each_shape_reports_its_message(ErrorWireFormat format, string template)
    {
        ErrorResponse response = ErrorResponseReader.Read(format, 200, Fill(template, "the message"));

        Assert.That(response.HasErrorPayload, Is.True);
        Assert.That(response.Message, Is.EqualTo("the message"));
        Assert.That(ErrorResponseReader.IsFailure(format, 200, Fill(template, "the message")), Is.True);
    }

    [TestCaseSource(nameof(Shapes))]
    public void Every_prefix_of_each_shape_is_read_without_a_throw(ErrorWireFormat format, string template)
    {
        string body = Fill(template, "boom \\u00e9 \\ud83d\\ude80");
        byte[] bytes = Encoding.UTF8.GetBytes(body);
        for (int n = 0; n <= bytes.Length; n++)
        {
            ErrorResponse response = ErrorResponseReader.Read(format, 500, bytes.AsSpan(0, n));
            Assert.That(response.Errors.Count, Is.LessThanOrEqualTo(ReaderLimits.MaxErrors));
            _ = ErrorResponseReader.IsFailure(format, 200, Encoding.UTF8.GetString(bytes, 0, n));
        }
    }

    [TestCaseSource(nameof(Shapes))]
    public void A_secret_in_each_shape_is_masked_in_the_message(ErrorWireFormat format, string template)
    {
        string body = Fill(template, "auth failed for Authorization: Bearer " + Secret);
        ErrorResponse response = ErrorResponseReader.Read(format, 401, body);
        string message = format switch
        {
            ErrorWireFormat.Runware => RunwareErrors.FromErrorResponse(response).Message,
            ErrorWireFormat.GraphQL => FlowErrors.FromErrorResponse(response).Message,
            _ => RunComfyServerlessErrors.FromErrorResponse(response).Message,
        };

        Assert.That(message, Does.Contain("auth failed"));
        Assert.That(message, Does.Not.Contain(Secret));
        Assert.That(response.Errors.Select(e => e.ToString()), Has.None.Contains(Secret));
    }

    [TestCaseSource(nameof(Shapes))]
    public void A_huge_message_in_each_shape_is_cut_to_the_string_bound(ErrorWireFormat format, string template)
    {
        ErrorResponse response = ErrorResponseReader.Read(format, 500, Fill(template, new string('m', 100_000)));

        Assert.That(response.Message!.Length, Is.LessThanOrEqualTo(ReaderLimits.MaxStringLength));
    }

    [Test]
    public void Duplicate_keys_first_non_null_wins_in_the_new_shapes()
    {
        Assert.That(
            ErrorResponseReader.Read(ErrorWireFormat.Runware, null, """{"code":"first","code":"second","message":null,"message":"m"}""").RawCode,
            Is.EqualTo("first"));
        Assert.That(
            ErrorResponseReader.Read(ErrorWireFormat.Runware, null, """{"error":true,"errorId":19,"errorId":20,"errorMessage":"a","errorMessage":"b"}""").Message,
            Is.EqualTo("a"));
        Assert.That(
            ErrorResponseReader.Read(ErrorWireFormat.Runware, null, """{"error":{"code":"a","message":"x"},"error":{"code":"b"}}""").Errors.Select(e => e.Code),
            Is.EqualTo(new[] { "a" }), "a second error object is not a second error");
        Assert.That(
            ErrorResponseReader.Read(ErrorWireFormat.Runware, null, """{"data":[{"status":"error","status":"success","error":{"code":"x","code":"y"}}]}""").RawCode,
            Is.EqualTo("x"), "the first status decides, the first code is kept");
        Assert.That(
            ErrorResponseReader.Read(ErrorWireFormat.Runware, null, """{"data":[{"status":"success","status":"error"}]}""").HasErrorPayload,
            Is.False);
        Assert.That(
            ErrorResponseReader.Read(ErrorWireFormat.GraphQL, 200, """{"data":{"executeWorkflow":{"status":"error","message":"one","message":"two"}}}""").Message,
            Is.EqualTo("one"));
        Assert.That(
            ErrorResponseReader.Read(ErrorWireFormat.Runware, null, """{"taskUUID":"a","taskUUID":"b","error":{"message":"m"}}""").Errors[0].TaskId,
            Is.EqualTo("a"));
        Assert.That(
            ErrorResponseReader.Read(ErrorWireFormat.RunComfy, 200, """{"error":[{"errorCode":"a","errorCode":"b","error":"m"}]}""").RawCode,
            Is.EqualTo("a"));
    }

    [Test]
    public void Thousands_of_failed_tasks_keep_the_item_bound()
    {
        var sb = new StringBuilder("{\"data\":[");
        for (int i = 0; i < 2000; i++)
        {
            sb.Append(i == 0 ? string.Empty : ",").Append("{\"taskUUID\":\"t").Append(i).Append("\",\"status\":\"error\",\"error\":{\"code\":\"inferenceError\",\"message\":\"m\"}}");
        }

        ErrorResponse response = ErrorResponseReader.Read(ErrorWireFormat.Runware, null, sb.Append("]}").ToString());

        Assert.That(response.Errors, Has.Count.EqualTo(ReaderLimits.MaxErrors));
        Assert.That(response.BodyKind, Is.EqualTo(ErrorBodyKind.Json));
    }

    [Test]
    public void Successful_results_are_not_copied_whatever_their_size()
    {
        string big = new string('r', 200_000);
        ErrorResponse response = ErrorResponseReader.Read(ErrorWireFormat.Runware, 200, "{\"data\":[{\"taskUUID\":\"a\",\"text\":\"" + big + "\"}]}");

        Assert.That(response.HasErrorPayload, Is.False);
        Assert.That(response.Errors, Is.Empty);
    }

    [TestCase(ErrorWireFormat.Runware, """{"data":[]}""", """{"data":[{"taskType":"imageInference","taskUUID":"019c42a0-c3ff-7138-be83-ee257abc5331","imageURL":"https://im.runware.ai/a.jpg","status":"success","cost":0.0013}]}""")]
    [TestCase(ErrorWireFormat.GraphQL, """{"data":{}}""", """{"data":{"executeWorkflow":{"status":"success","result":{"answer":"Paris","message":"done"}}}}""")]
    public void A_successful_result_costs_no_allocation_beyond_an_empty_one(ErrorWireFormat format, string empty, string success)
    {
        byte[] a = Encoding.UTF8.GetBytes(empty), b = Encoding.UTF8.GetBytes(success);
        long Measure(byte[] body)
        {
            for (int i = 0; i < 200; i++)
            {
                ErrorResponseReader.Read(format, 200, body);
            }

            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < 1000; i++)
            {
                ErrorResponseReader.Read(format, 200, body);
            }

            return (GC.GetAllocatedBytesForCurrentThread() - before) / 1000;
        }

        Assert.That(Measure(b), Is.EqualTo(Measure(a)), "the status is compared in place and the result's fields are not read");
    }

    [Test]
    public void An_event_stream_reads_at_most_1024_events()
    {
        var sb = new StringBuilder();
        for (int i = 0; i < ReaderLimits.MaxEventFrames; i++)
        {
            sb.Append("data: {\"status\":\"in-progress\"}\n\n");
        }

        sb.Append("data: {\"status\":\"error\",\"data\":{\"errorMsg\":\"too late\"}}\n\n");
        ErrorResponse response = ErrorResponseReader.Read(ErrorWireFormat.GraphQL, 200, sb.ToString());

        Assert.That(response.HasErrorPayload, Is.False, "the failing event is past the bound");
        Assert.That(response.Problem, Does.Contain("1024 events"));
    }

    [Test]
    public void An_event_with_a_line_past_the_bound_is_skipped_and_the_next_is_read()
    {
        string huge = "data: {\"status\":\"error\",\"data\":{\"errorMsg\":\"" + new string('x', ReaderLimits.MaxEventLineBytes) + "\"}}\n\n";
        ErrorResponse response = ErrorResponseReader.Read(ErrorWireFormat.GraphQL, 200, huge + "data: {\"status\":\"error\",\"data\":{\"errorMsg\":\"next\"}}\n\n");

        Assert.That(response.Message, Is.EqualTo("next"));
    }

    [Test]
    public void Event_stream_oddities_never_throw()
    {
        string[] bodies =
        {
            "data:", "data", ":\n:\n", "data: {\n\n", "data: {\"status\":\"error\"", "event: x\r\rdata: {\"errors\":[\"e\"]}\r\r",
            "id: 1\ndata: {\"status\":\"error\"}\ndata: ", "retry: 10\n\n\n\n", "data:{\"status\":\"error\",\"data\":{\"errorMsg\":\"no space\"}}",
            "data: " + new string('[', 100) + "\n\n",
        };
        foreach (string body in bodies)
        {
            ErrorResponse response = ErrorResponseReader.Read(ErrorWireFormat.GraphQL, 500, body);
            _ = FlowErrors.FromErrorResponse(response).Message;
        }

        Assert.That(ErrorResponseReader.Read(ErrorWireFormat.GraphQL, 200, "data:{\"status\":\"error\",\"data\":{\"errorMsg\":\"no space\"}}").Message, Is.EqualTo("no space"));
        Assert.That(ErrorResponseReader.Read(ErrorWireFormat.GraphQL, 200, "event: x\r\rdata: {\"errors\":[\"e\"]}\r\r").Message, Is.EqualTo("e"));
    }

    [Test]
    public void Text_that_only_looks_like_an_event_stream_field_is_not_one()
    {
        ErrorResponse response = ErrorResponseReader.Read(ErrorWireFormat.GraphQL, 502, "database: unavailable");

        Assert.That(response.BodyKind, Is.EqualTo(ErrorBodyKind.NotJson));
        Assert.That(response.Problem, Is.EqualTo("the body is not JSON"));
    }
}
