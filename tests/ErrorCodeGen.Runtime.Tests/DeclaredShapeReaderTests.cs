using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.Json;
using ErrorCodeGen;
using FsCheck;
using FsCheck.Fluent;
using NUnit.Framework;

namespace ErrorCodeGen.Runtime.Tests;

/// <summary>
/// The shape engine with declared shapes (ErrorShape.Create): pointer semantics (priority of a declared list, nested and
/// escaped pointers, absent when they do not resolve), and the hardening guarantees of the built-in formats held for
/// declared shapes too, as properties: duplicate keys change nothing, every kept string is bounded, a truncated body
/// keeps what arrived, mutated bodies never throw, secrets never show.
/// </summary>
public class DeclaredShapeReaderTests
{
    private static ErrorShape Shape(Action<ErrorShapeDefinition> define)
    {
        var definition = new ErrorShapeDefinition();
        define(definition);
        return ErrorShape.Create(definition);
    }

    /// <summary>Declared shapes of every kind, with a well-formed body each and the keys that may be duplicated ({DUP}).</summary>
    private static readonly (string Name, ErrorShape Shape, string Template, string[] Keys)[] s_cases =
    {
        ("openai", Shape(d => { d.Error.Add("/error"); d.Code.Add("/code"); d.Code.Add("/type"); d.Message.Add("/message"); d.Parameter.Add("/param"); }),
            "{\"error\":{\"message\":\"m\",\"type\":\"invalid_request_error\",\"param\":\"p\",\"code\":\"c\",{DUP}\"x\":0}}", new[] { "message", "type", "param", "code" }),
        ("anthropic", Shape(d => { d.Error.Add("/error"); d.Code.Add("/type"); d.Message.Add("/message"); d.RequestId.Add("/request_id"); }),
            "{\"type\":\"error\",\"error\":{\"type\":\"not_found_error\",\"message\":\"m\"},\"request_id\":\"r\",{DUP}\"x\":0}", new[] { "error", "request_id", "type" }),
        ("google", Shape(d => { d.Error.Add("/error"); d.Code.Add("/status"); d.Message.Add("/message"); d.Details.Add("/details"); }),
            "{\"error\":{\"code\":400,\"message\":\"m\",\"status\":\"INVALID_ARGUMENT\",\"details\":[{\"@type\":\"t\"}],{DUP}\"x\":0}}", new[] { "code", "message", "status", "details" }),
        ("fastapi", Shape(d => { d.Error.Add("/detail"); d.Code.Add("/type"); d.Message.Add("/msg"); d.Path.Add("/loc"); }),
            "{\"detail\":[{\"type\":\"missing\",\"loc\":[\"body\",\"name\"],\"msg\":\"Field required\",{DUP}\"x\":0}]}", new[] { "type", "loc", "msg" }),
        ("nested", Shape(d => { d.Error.Add("/data/failure"); d.Error.Add("/fault"); d.Code.Add("/meta/code"); d.Message.Add("/text"); d.RetryAfter.Add("/data/failure/wait"); d.RequestId.Add("/trace/id"); }),
            "{\"data\":{\"failure\":{\"meta\":{\"code\":\"E1\",{DUP}\"k\":1},\"text\":\"m\",\"wait\":5}},\"trace\":{\"id\":\"t1\"},\"fault\":{\"text\":\"later\"}}", new[] { "code" }),
        ("job", Shape(d => { d.Error.Add(""); d.Code.Add("/code"); d.Message.Add("/error"); d.Status.Add("/status"); d.FailingStatus.Add("failed"); }),
            "{\"id\":\"j1\",\"status\":\"failed\",\"error\":\"CUDA out of memory\",{DUP}\"x\":0}", new[] { "id", "status", "error" }),
        ("problem", ErrorShape.Problem,
            "{\"type\":\"https://example.com/probs/out-of-credit\",\"title\":\"t\",\"detail\":\"d\",\"status\":403,\"balance\":30,{DUP}\"x\":0}", new[] { "type", "title", "detail", "status", "balance" }),
    };

    // ---- Pointer semantics ------------------------------------------------------------------------------------------

    [Test]
    public void A_declared_list_ranks_by_position_not_by_body_order()
    {
        ErrorShape shape = Shape(d => { d.Error.Add("/error"); d.Code.Add("/code"); d.Code.Add("/type"); });
        Assert.That(ErrorResponseReader.Read(shape, 400, """{"error":{"type":"t","code":"c"}}""").RawCode, Is.EqualTo("c"), "code is listed first");
        Assert.That(ErrorResponseReader.Read(shape, 400, """{"error":{"code":"c","type":"t"}}""").RawCode, Is.EqualTo("c"));
        Assert.That(ErrorResponseReader.Read(shape, 400, """{"error":{"type":"t","code":null}}""").RawCode, Is.EqualTo("t"), "null is absent");
        Assert.That(ErrorResponseReader.Read(shape, 400, """{"error":{"code":null,"type":"t","code":"late"}}""").RawCode, Is.EqualTo("late"), "a later non-null occurrence of a better pointer still wins");
        Assert.That(ErrorResponseReader.Read(shape, 400, """{"error":{"code":"first","code":"second"}}""").RawCode, Is.EqualTo("first"), "a duplicate of the same pointer: the first wins");
    }

    [Test]
    public void A_failing_status_makes_the_root_an_error_without_a_code()
    {
        // An asynchronous job API: the job's own body, at HTTP 200, says whether it failed.
        ErrorShape shape = Shape(d =>
        {
            d.Error.Add("");
            d.Code.Add("/error_code");
            d.Message.Add("/error");
            d.Status.Add("/status");
            d.Status.Add("/state");
            d.FailingStatus.Add("failed");
            d.FailingStatus.Add("canceled");
        });
        Assert.That((shape.Status, shape.FailingStatus), Is.EqualTo((new[] { "/status", "/state" }, new[] { "failed", "canceled" })));

        ErrorResponse failed = ErrorResponseReader.Read(shape, 200, """{"id":"j1","status":"FAILED","error":"CUDA out of memory"}""");
        Assert.That(failed.HasErrorPayload, Is.True, "a failing status, in any case, is an error at 200");
        Assert.That((failed.Errors.Count, failed.Message, failed.RawCode), Is.EqualTo((1, "CUDA out of memory", (string?)null)));
        Assert.That(failed.Errors[0].ExtraFields["status"], Is.EqualTo("\"FAILED\""), "the status is kept as an extra field");
        Assert.That(ErrorResponseReader.IsFailure(shape, 200, """{"id":"j1","status":"FAILED","error":"CUDA out of memory"}"""), Is.True);
        Assert.That(ErrorResponseReader.IsFailure(shape, 200, """{"state":"canceled"}"""), Is.True, "the second pointer");
        Assert.That(ErrorResponseReader.IsFailure(shape, 200, "{\"status\":\"fail\\u0065d\"}"), Is.True, "escaped text is compared as text");

        Assert.That(ErrorResponseReader.IsFailure(shape, 200, """{"id":"j1","status":"succeeded","output":["a.png"]}"""), Is.False);
        Assert.That(ErrorResponseReader.IsFailure(shape, 200, """{"id":"j1","status":"running"}"""), Is.False);
        Assert.That(ErrorResponseReader.IsFailure(shape, 200, """{"status":"succeeded","status":"failed"}"""), Is.False, "the first non-null occurrence wins");
        Assert.That(ErrorResponseReader.IsFailure(shape, 200, """{"status":["failed"]}"""), Is.False, "only text is a status");
        Assert.That(ErrorResponseReader.IsFailure(shape, 200, """{"status":"succeeded","error_code":"E1"}"""), Is.True, "a status only adds: a code is an error as before");
    }

    [Test]
    public void A_status_is_compared_as_sent_and_only_text_is_one()
    {
        ErrorShape Job(bool shared) => Shape(d =>
        {
            d.Error.Add("");
            d.Code.Add("/code");
            d.Message.Add(shared ? "/status" : "/error");
            d.Status.Add("/status");
            d.FailingStatus.Add("failed");
            d.FailingStatus.Add("1");
        });

        // Escaped or not, the same text gives the same answer; spaces around it are part of it.
        Assert.That(ErrorResponseReader.IsFailure(Job(false), 200, "{\"status\":\"failed \"}"), Is.False);
        Assert.That(ErrorResponseReader.IsFailure(Job(false), 200, "{\"status\":\"f\\u0061iled \"}"), Is.False);
        Assert.That(ErrorResponseReader.IsFailure(Job(false), 200, "{\"status\":\"f\\u0061iled\\u00a0\"}"), Is.False);
        Assert.That(ErrorResponseReader.IsFailure(Job(false), 200, "{\"status\":\"f\\u0061iled\"}"), Is.True);

        // A number is no status, also when the member fills another field too.
        Assert.That(ErrorResponseReader.IsFailure(Job(true), 200, "{\"status\":1}"), Is.False);
        Assert.That(ErrorResponseReader.IsFailure(Job(false), 200, "{\"status\":1}"), Is.False);
        Assert.That(ErrorResponseReader.IsFailure(Job(true), 200, "{\"status\":\"1\"}"), Is.True);
    }

    [Test]
    public void A_failing_status_read_before_the_body_breaks_off_is_kept()
    {
        ErrorShape shape = Shape(d => { d.Error.Add(""); d.Code.Add("/code"); d.Message.Add("/error"); d.Status.Add("/status"); d.FailingStatus.Add("failed"); });
        Assert.That(ErrorResponseReader.Read(shape, 200, "{\"code\":\"E1\",\"error\":\"CUDA\"").HasErrorPayload, Is.True, "a code before the cut");
        Assert.That(ErrorResponseReader.Read(shape, 200, "{\"status\":\"failed\",\"error\":\"CUDA\"").HasErrorPayload, Is.True, "a failing status before the cut");
        Assert.That(ErrorResponseReader.IsFailure(shape, 200, "{\"status\":\"failed\",\"error\":\"CUDA\""), Is.True);
        Assert.That(ErrorResponseReader.IsFailure(shape, 200, "{\"status\":\"succeeded\",\"output\":\"a.p"), Is.False);
    }

    [Test]
    public void A_status_and_its_failing_values_go_together()
    {
        Assert.That(
            () => Shape(d => { d.Error.Add(""); d.Code.Add("/code"); d.Status.Add("/status"); }),
            Throws.ArgumentException.With.Message.Contains("failing_status is required with status"));
        Assert.That(
            () => Shape(d => { d.Error.Add(""); d.Code.Add("/code"); d.FailingStatus.Add("failed"); }),
            Throws.ArgumentException.With.Message.Contains("status is required with failing_status"));
        Assert.That(
            () => Shape(d => { d.Error.Add(""); d.Code.Add("/code"); d.Status.Add("/status"); d.FailingStatus.Add(" failed"); }),
            Throws.ArgumentException.With.Message.Contains("spaces around it"));
        Assert.That(
            () => Shape(d => { d.Error.Add(""); d.Code.Add("/code"); d.Status.Add("/status"); d.FailingStatus.Add("échoué"); }),
            Throws.ArgumentException.With.Message.Contains("not plain ASCII"));
        Assert.That(
            () => Shape(d => { d.Error.Add(""); d.Code.Add("/code"); d.Status.Add("/status"); d.FailingStatus.Add(""); }),
            Throws.ArgumentException.With.Message.Contains("a value is empty"));
        Assert.That(
            () => Shape(d => { d.Error.Add("/error"); d.Code.Add("/status"); d.Status.Add("/status/x"); d.FailingStatus.Add("failed"); }),
            Throws.ArgumentException, "a status inside a member read as a value contradicts it");
    }

    [Test]
    public void A_pointer_that_does_not_resolve_is_absent()
    {
        ErrorShape shape = Shape(d => { d.Error.Add("/error"); d.Code.Add("/meta/code"); d.Message.Add("/message"); d.RequestId.Add("/trace/id"); });
        foreach (string body in new[]
        {
            """{"error":{"meta":"text","message":"m"},"trace":7}""",
            """{"error":{"meta":[{"code":"in an array"}],"message":"m"},"trace":[]}""",
            """{"error":{"meta":null,"message":"m"},"trace":{"other":1}}""",
            """{"error":{"message":"m"}}""",
        })
        {
            ErrorResponse r = ErrorResponseReader.Read(shape, 400, body);
            Assert.That((r.BodyKind, r.RawCode, r.Message, r.RequestId), Is.EqualTo((ErrorBodyKind.Json, (string?)null, "m", (string?)null)), body);
        }
    }

    [Test]
    public void Nested_escaped_and_root_pointers()
    {
        ErrorShape nested = Shape(d => { d.Error.Add("/res~1ponse/err~0or"); d.Code.Add("/a/b/c"); });
        ErrorResponse r = ErrorResponseReader.Read(nested, 400, """{"res/ponse":{"err~or":{"a":{"b":{"c":"deep","d":1},"e":2}}}}""");
        Assert.That(r.RawCode, Is.EqualTo("deep"));
        Assert.That(r.Errors[0].ExtraFields.Keys, Is.EquivalentTo(new[] { "a.b.d", "a.e" }), "the other members of an object a pointer goes through are prefixed extra fields");

        ErrorShape root = Shape(d => { d.Error.Add(""); d.Code.Add("/code"); d.Message.Add("/message"); });
        ErrorResponse atRoot = ErrorResponseReader.Read(root, 400, """{"c\u006fde":"escaped name","message":"m","extra":true}""");
        Assert.That((atRoot.RawCode, atRoot.Message, atRoot.Errors[0].ExtraFields["extra"]), Is.EqualTo(("escaped name", "m", "true")));
        Assert.That(ErrorResponseReader.Read(root, 200, """{"message":"no code"}""").HasErrorPayload, Is.False, "a root error is an error payload once it has a code");
    }

    [Test]
    public void Error_locations_take_an_object_an_array_or_a_string_and_the_first_present_wins()
    {
        ErrorShape shape = Shape(d => { d.Error.Add("/error"); d.Error.Add("/errors"); d.Code.Add("/code"); d.Message.Add("/message"); });
        Assert.That(ErrorResponseReader.Read(shape, 400, """{"error":null,"errors":[{"code":"a"},{"code":"b"},"text"]}""").Errors.Select(e => e.Code ?? e.Message), Is.EqualTo(new[] { "a", "b", "text" }));
        Assert.That(ErrorResponseReader.Read(shape, 400, """{"error":"Not found","errors":[{"code":"ignored"}]}""").Errors.Select(e => (e.Code, e.Message)), Is.EqualTo(new[] { ((string?)null, (string?)"Not found") }));
        Assert.That(ErrorResponseReader.Read(shape, 400, """{"errors":{"code":"one"},"error":{"code":"ignored"}}""").RawCode, Is.EqualTo("one"));
        // A value of a type no location takes is as absent as null (docs: "a pointer that does not resolve ... gives
        // nothing"): the next location is read, so an HTTP 200 with {"error": 404, "errors": [...]} is still a failure.
        ErrorResponse numeric = ErrorResponseReader.Read(shape, 400, """{"error":42,"errors":[{"code":"read"}]}""");
        Assert.That((numeric.RawCode, numeric.HasErrorPayload), Is.EqualTo(("read", true)));
        Assert.That(ErrorResponseReader.IsFailure(shape, 200, """{"error":404,"errors":[{"code":"bad"}]}"""), Is.True);
        ErrorResponse alone = ErrorResponseReader.Read(shape, 400, """{"error":42}""");
        Assert.That((alone.Errors.Count, alone.HasErrorPayload), Is.EqualTo((0, false)), "a number alone is no error");
    }

    [Test]
    public void Details_alternatives_go_by_the_listed_order_as_every_field_does()
    {
        ErrorShape shape = Shape(d => { d.Error.Add("/error"); d.Code.Add("/code"); d.Details.Add("/details"); d.Details.Add("/errors"); });
        Assert.That(ErrorResponseReader.Read(shape, 400, """{"error":{"code":"bad","errors":["listed second"],"details":["listed first"]}}""").Errors[0].Details, Is.EqualTo(new[] { "listed first" }));
        Assert.That(ErrorResponseReader.Read(shape, 400, """{"error":{"code":"bad","details":["listed first"],"errors":["listed second"]}}""").Errors[0].Details, Is.EqualTo(new[] { "listed first" }));
        Assert.That(ErrorResponseReader.Read(shape, 400, """{"error":{"code":"bad","errors":["listed second"],"details":null}}""").Errors[0].Details, Is.EqualTo(new[] { "listed second" }), "null is absent");
    }

    [Test]
    public void Retry_after_and_request_id_come_from_the_root_and_the_longer_wait_wins()
    {
        ErrorShape shape = Shape(d => { d.Error.Add("/error"); d.Code.Add("/code"); d.RetryAfter.Add("/error/retry_in"); d.RetryAfter.Add("/retry_after"); d.RequestId.Add("/meta/request"); });
        var headers = new List<KeyValuePair<string, IEnumerable<string>>> { new("Retry-After", new[] { "3" }), new("X-Request-Id", new[] { "from-header" }) };
        ErrorResponse r = ErrorResponseReader.Read(shape, 429, """{"retry_after":99,"error":{"code":"slow","retry_in":"12.5"},"meta":{"request":"from-body"}}""", headers);
        Assert.That((r.RetryAfter, r.RequestId), Is.EqualTo((TimeSpan.FromSeconds(12.5), "from-body")), "the listed-first pointer wins over a later one; the body's wait is longer than the header's");
        Assert.That(ErrorResponseReader.Read(shape, 429, """{"error":{"code":"slow"}}""", headers).RequestId, Is.EqualTo("from-header"), "without request_id_headers the default header applies");
    }

    [Test]
    public void Invalid_definitions_say_why_and_never_compile()
    {
        (Action<ErrorShapeDefinition> Define, string Problem)[] cases =
        {
            (d => { d.Error.Add("error"); d.Code.Add("/code"); }, "must start with '/'"),
            (d => { d.Error.Add("/error"); d.Code.Add("/c~2"); }, "'~' must be followed by 0"),
            (d => { d.Error.Add("/error"); }, "code is required"),
            (d => { d.Code.Add("/code"); }, "error is required"),
            (d => { d.Error.Add("/error"); d.Code.Add("/code"); d.Message.Add("/code/x"); }, "inside a member"),
            (d => { d.Error.Add(""); d.Error.Add("/error"); d.Code.Add("/code"); }, "cannot have alternatives"),
            (d => { d.Format = ErrorWireFormat.Problem; d.Error.Add("/error"); }, "read from the root"),
            (d => { d.Format = ErrorWireFormat.Cmfy; d.Error.Add("/error"); d.Code.Add("/code"); }, "built-in preset"),
            (d => { d.Error.Add("/error"); d.Code.Add("/code"); d.RequestIdHeaders.Add(" "); }, "header name is empty"),
        };
        foreach (var c in cases)
        {
            var definition = new ErrorShapeDefinition();
            c.Define(definition);
            Assert.That(ErrorShape.TryCreate(definition, out ErrorShape? shape, out string? problem), Is.False, c.Problem);
            Assert.That((shape, problem), Is.EqualTo(((ErrorShape?)null, problem)));
            Assert.That(problem, Does.Contain(c.Problem));
            Assert.That(() => ErrorShape.Create(definition), Throws.ArgumentException.With.Message.Contains(c.Problem));
        }
    }

    [Test]
    public void The_built_in_formats_are_presets_of_the_engine()
    {
        Assert.That(new[] { ErrorShape.RunComfy, ErrorShape.Runware, ErrorShape.Cmfy, ErrorShape.GraphQL, ErrorShape.Json, ErrorShape.Problem }.Select(s => s.Format),
            Is.EqualTo(Enum.GetValues(typeof(ErrorWireFormat))));
        foreach (ErrorWireFormat format in Enum.GetValues(typeof(ErrorWireFormat)))
        {
            Assert.That(ErrorShape.For(format)!.Format, Is.EqualTo(format));
        }

        Assert.That(ErrorShape.For((ErrorWireFormat)99), Is.Null);
        Assert.That((ErrorShape.RunComfy.Error, ErrorShape.RunComfy.Code, ErrorShape.RunComfy.Details), Is.EqualTo((new[] { "/error" }, new[] { "/error_code", "/errorCode" }, new[] { "/detail", "/debugInfo" })));
        Assert.That(ErrorShape.GraphQL.Code, Is.EqualTo(new[] { "/code", "/extensions/code" }));
        Assert.That(ErrorShape.Cmfy.RetryAfter, Is.EqualTo(new[] { "/error/retry_after" }));
        Assert.That(ErrorShape.Cmfy.RequestId, Is.EqualTo(new[] { "/error/request_id", "/request_id" }));

        // The shape overloads read exactly as the format overloads.
        foreach (var (format, body) in new[]
        {
            (ErrorWireFormat.RunComfy, """{"error_code":42258,"message":"m","detail":[{"loc":["a"],"msg":"b"}],"x":1}"""),
            (ErrorWireFormat.Runware, """{"errors":[{"code":"c","taskUUID":"u","extensions":{"code":"late","k":1}}],"requestId":"r"}"""),
            (ErrorWireFormat.Cmfy, """{"error":{"code":"rate_limit_exceeded","details":{},"retry_after":45,"request_id":"q"}}"""),
            (ErrorWireFormat.GraphQL, """{"errors":[{"message":"m","path":["a",0],"extensions":{"code":"X","retryable":false}}]}"""),
        })
        {
            Assert.That(ReaderHardeningTests.Describe(ErrorResponseReader.Read(ErrorShape.For(format)!, 400, body)), Is.EqualTo(ReaderHardeningTests.Describe(ErrorResponseReader.Read(format, 400, body))), format.ToString());
        }
    }

    [Test]
    public void A_bom_an_empty_body_html_and_an_oversized_body_are_what_they_are()
    {
        ErrorShape shape = s_cases[0].Shape;
        Assert.That(ErrorResponseReader.Read(shape, 400, "\uFEFF{\"error\":{\"code\":\"c\"}}").RawCode, Is.EqualTo("c"));
        Assert.That(ErrorResponseReader.Read(shape, 400, Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes("{\"error\":{\"code\":\"c\"}}")).ToArray()).RawCode, Is.EqualTo("c"));
        Assert.That(ErrorResponseReader.Read(shape, 503, "").BodyKind, Is.EqualTo(ErrorBodyKind.Empty));
        Assert.That(ErrorResponseReader.Read(shape, 502, "<html><title>Bad Gateway</title></html>").NonJsonExcerpt, Is.EqualTo("Bad Gateway"));
        Assert.That(ErrorResponseReader.Read(shape, 400, "{\"error\":{\"code\":\"" + new string('a', ErrorResponseReader.MaxBodyBytes) + "\"}}").BodyKind, Is.EqualTo(ErrorBodyKind.TooLarge));
        Assert.That(ErrorResponseReader.Read(shape, 400, new string('[', 100) + new string(']', 100)).BodyKind, Is.EqualTo(ErrorBodyKind.Malformed));
    }

    // ---- Properties ---------------------------------------------------------------------------------------------------

    private static Gen<string> JsonValue(int depth) => JsonGenerators.Value(
        depth,
        new[] { "a", "code", "type", "error", "detail", "message", "\\\"", "\\u0041", "🚀", " ", "{", "]", "42" },
        new[] { "0", "-1", "1e400", "true", "false", "null", "40401.0" },
        new[] { "code", "type", "message", "error", "detail", "meta", "x" });

    [Test]
    public void A_duplicate_key_with_any_value_changes_nothing()
        => JsonGenerators.DuplicateKeysChangeNothing(
            JsonValue(3),
            s_cases.Length,
            i => s_cases[i].Keys,
            (i, duplicates) => ErrorResponseReader.Read(s_cases[i].Shape, 400, s_cases[i].Template.Replace("{DUP}", duplicates)));

    [Test]
    public void Every_kept_string_is_within_its_bound()
    {
        Gen<string> longText = JsonGenerators.LongText(new[] { "x", "\\u00e9", "🚀", "\\n", "é", "\\\"" }, 5000);
        Gen<string> value = Gen.Frequency((4, longText), (1, Gen.Choose(1, 20000).Select(n => new string('9', n))), (1, JsonValue(2)));
        Gen<(int Case, string[] Values)> cases =
            from c in Gen.Choose(0, s_cases.Length - 1)
            from values in value.ArrayOf(6)
            select (c, values);

        Prop.ForAll(cases.ToArbitrary(), c =>
        {
            var shape = s_cases[c.Case];
            string name = JsonSerializer.Serialize(new string('n', c.Values[5].Length % 500));
            int i = 0;
            string body = shape.Template.Replace("{DUP}", name + ":" + c.Values[4] + ",");
            foreach (string key in shape.Keys)
            {
                // Every value the shape reads becomes a hostile one.
                body = ReplaceValue(body, key, c.Values[i++ % 4]);
            }

            ErrorResponse r = ErrorResponseReader.Read(shape.Shape, 400, body);
            return (r.BodyKind == ErrorBodyKind.Json || r.BodyKind == ErrorBodyKind.Malformed)
                && (r.RequestId?.Length ?? 0) <= ReaderLimits.MaxRequestIdLength
                && r.Errors.All(e =>
                    (e.Code?.Length ?? 0) <= ReaderLimits.MaxCodeLength
                    && new[] { e.Message, e.Parameter, e.DocumentationUrl, e.Path }.All(s => (s?.Length ?? 0) <= ReaderLimits.MaxStringLength)
                    && e.Details.All(d => d.Length <= ReaderLimits.MaxStringLength)
                    && e.ExtraFields.All(f => f.Key.Length <= ReaderLimits.MaxFieldNameLength && f.Value.Length <= ReaderLimits.MaxRawJsonLength));
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(300));
    }

    /// <summary>The template with the first value of <paramref name="key"/> replaced by <paramref name="value"/> (scalar values only).</summary>
    private static string ReplaceValue(string template, string key, string value)
    {
        string marker = JsonSerializer.Serialize(key) + ":";
        int at = template.IndexOf(marker, StringComparison.Ordinal);
        if (at < 0)
        {
            return template;
        }

        int start = at + marker.Length;
        if (template[start] == '{' || template[start] == '[')
        {
            return template;
        }

        int end = start;
        bool inString = template[start] == '"';
        for (end = start + 1; end < template.Length; end++)
        {
            char ch = template[end];
            if (inString ? ch == '"' && template[end - 1] != '\\' : ch == ',' || ch == '}' || ch == ']')
            {
                break;
            }
        }

        return template.Substring(0, start) + value + template.Substring(inString ? end + 1 : end);
    }

    [Test]
    public void A_body_cut_anywhere_never_throws_and_keeps_what_arrived()
    {
        foreach (var c in s_cases)
        {
            string body = c.Template.Replace("{DUP}", string.Empty);
            ErrorResponse whole = ErrorResponseReader.Read(c.Shape, 400, body);
            Assert.That(whole.BodyKind, Is.EqualTo(ErrorBodyKind.Json), c.Name);
            string? code = whole.RawCode;
            int codeEnd = code is null ? -1 : body.IndexOf("\"" + code + "\"", StringComparison.Ordinal) + code.Length + 2;
            for (int cut = 1; cut < body.Length; cut++)
            {
                ErrorResponse r = ErrorResponseReader.Read(c.Shape, 400, body.Substring(0, cut));
                Assert.That(r.BodyKind, Is.AnyOf(ErrorBodyKind.Truncated, ErrorBodyKind.Malformed), c.Name + " cut at " + cut);
                if (codeEnd > 0 && cut > codeEnd)
                {
                    Assert.That(r.RawCode, Is.EqualTo(code), c.Name + ": the code read before the cut at " + cut + " is kept");
                }
            }
        }
    }

    [Test]
    public void Mutated_bodies_never_throw()
    {
        string[] tokens = { "{", "}", "[", "]", ",", ":", "\"", "\\", "\\u", "\\ud83d", "null", "1e999", "\"error\"", "\"code\"", "\"detail\"", "\uFEFF", "\0", "🚀", new string('[', 70) };
        var random = new Random(12);
        for (int n = 0; n < 6000; n++)
        {
            var c = s_cases[n % s_cases.Length];
            var body = new StringBuilder(c.Template.Replace("{DUP}", string.Empty));
            for (int m = random.Next(1, 4); m > 0; m--)
            {
                int at = random.Next(body.Length + 1);
                switch (random.Next(3))
                {
                    case 0:
                        body.Insert(at, tokens[random.Next(tokens.Length)]);
                        break;
                    case 1:
                        body.Remove(Math.Min(at, body.Length - 1), Math.Min(random.Next(1, 8), body.Length - Math.Min(at, body.Length - 1)));
                        break;
                    default:
                        if (at < body.Length)
                        {
                            body[at] = (char)random.Next(32, 127);
                        }

                        break;
                }
            }

            string text = body.ToString();
            ErrorResponse r = null!;
            Assert.DoesNotThrow(() => r = ErrorResponseReader.Read(c.Shape, 400, text), text);
            Assert.DoesNotThrow(() => ErrorResponseReader.Read(c.Shape, 400, Encoding.UTF8.GetBytes(text)), text);
            Assert.That(r.BodyKind == ErrorBodyKind.Json || r.Problem != null, Is.True, text);
            Assert.That(r.Errors.Count, Is.LessThanOrEqualTo(ErrorResponseReader.MaxErrors));
        }
    }

    [Test]
    public void At_most_MaxErrors_items_are_kept()
    {
        string items = string.Join(",", Enumerable.Range(0, ErrorResponseReader.MaxErrors + 50).Select(i => "{\"type\":\"t" + i + "\"}"));
        ErrorResponse r = ErrorResponseReader.Read(s_cases[3].Shape, 422, "{\"detail\":[" + items + "]}");
        Assert.That((r.BodyKind, r.Errors.Count, r.Errors[^1].Code), Is.EqualTo((ErrorBodyKind.Json, ErrorResponseReader.MaxErrors, "t" + (ErrorResponseReader.MaxErrors - 1))));
    }

    [Test]
    public void A_secret_in_any_declared_field_never_appears_in_a_message()
    {
        Gen<string> secret = Gen.Elements("abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789".ToCharArray())
            .ArrayOf().Where(a => a.Length >= 16 && a.Length <= 40 && a.Any(char.IsDigit) && a.Any(char.IsLetter)).Select(a => new string(a));
        Gen<(int Form, int Field, string Secret)> cases =
            from form in Gen.Choose(0, 5)
            from field in Gen.Choose(0, 4)
            from s in secret
            select (form, field, s);

        Prop.ForAll(cases.ToArbitrary(), c =>
        {
            string text = c.Form switch
            {
                0 => "Incorrect API key provided: sk-proj-" + c.Secret,
                1 => "token=" + c.Secret,
                2 => "Authorization: Bearer " + c.Secret,
                3 => "\"api_key\": \"" + c.Secret + "\"",
                4 => "https://h.example/p?access_token=" + c.Secret + "&b=2",
                _ => "sk-ant-api03-" + c.Secret,
            };
            string t = JsonSerializer.Serialize(text);
            string[] openai = { "message", "param", "type", "extra", "code" };
            ApiErrorException[] exceptions =
            {
                OpenAiSampleErrors.FromResponse(401, "{\"error\":{\"" + openai[c.Field] + "\":" + t + ",\"message\":" + t + "}}"),
                AnthropicSampleErrors.FromResponse(401, "{\"type\":\"error\",\"error\":{\"type\":\"authentication_error\",\"message\":" + t + "},\"request_id\":" + t + "}"),
                FastApiSampleErrors.FromResponse(422, "{\"detail\":[{\"type\":\"missing\",\"loc\":[\"body\"," + t + "],\"msg\":" + t + ",\"input\":" + t + "}]}"),
                FastApiSampleErrors.FromResponse(401, "{\"detail\":" + t + "}"),
                ProblemSampleErrors.FromResponse(403, "{\"type\":\"about:blank\",\"title\":" + t + ",\"detail\":" + t + ",\"instance\":" + t + "}"),
                GoogleSampleErrors.FromResponse(400, "{\"error\":{\"status\":\"INVALID_ARGUMENT\",\"message\":" + t + ",\"details\":[" + t + "]}}"),
            };
            foreach (ApiErrorException ex in exceptions)
            {
                var visible = new List<string> { ex.Message, ex.ToString(), ex.Remediation ?? string.Empty };
                visible.AddRange(ex.Errors.Select(e => e.ToString()));
                string? leak = visible.FirstOrDefault(v => v.Contains(c.Secret, StringComparison.Ordinal));
                if (leak != null)
                {
                    Assert.Fail($"secret shown for {text}: {leak}");
                }
            }

            return true;
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(1000));
    }
}
