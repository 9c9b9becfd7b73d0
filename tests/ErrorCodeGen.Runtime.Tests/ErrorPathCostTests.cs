using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using ErrorCodeGen;
using NUnit.Framework;

namespace ErrorCodeGen.Runtime.Tests;

/// <summary>
/// The structural facts behind the error-path figures of docs/benchmarks.md (ErrorPathBenchmarks), not the timings: the
/// message is built only when read, no regular expression is used, the string body is not copied, the headers are
/// walked once, and FromResponse on the cmfy.cloud 429 allocates at most 1 KB. Each one, broken, shows up here.
/// </summary>
public class ErrorPathCostTests
{
    /// <summary>The cmfy.cloud 429 of the page, as in ErrorPathBenchmarks.</summary>
    private const string CmfyBody = """{"error": {"code": "rate_limit_exceeded", "message": "Rate limit exceeded", "details": {}, "retry_after": 45, "request_id": "req_abc123"}}""";

    private static List<KeyValuePair<string, IEnumerable<string>>> CmfyHeaders() => new()
    {
        new("Content-Type", new[] { "application/json" }),
        new("Retry-After", new[] { "45" }),
        new("X-RateLimit-Limit", new[] { "60" }),
        new("X-RateLimit-Remaining", new[] { "0" }),
        new("X-RateLimit-Reset", new[] { "1699574400" }),
    };

    [Test]
    public void The_message_is_built_when_first_read_and_kept()
    {
        CmfyCloudException ex = CmfyCloudErrors.FromResponse(429, CmfyBody, CmfyHeaders());

        // Everything but the message is there without building it.
        Assert.That(ex.IsMessageBuilt, Is.False);
        Assert.That((ex.Code, ex.RawCode, ex.ServerMessage, ex.RequestId), Is.EqualTo((CmfyCloudErrorCode.RateLimitExceeded, "rate_limit_exceeded", "Rate limit exceeded", "req_abc123")));
        Assert.That((ex.IsRetryable, ex.RetryAfter, ex.RateLimit!.Limit), Is.EqualTo((true, TimeSpan.FromSeconds(45), 60L)));
        Assert.That(ex.Remediation, Does.StartWith("Wait for the rate limit window to reset"));
        Assert.That(ex.IsMessageBuilt, Is.False);

        string message = ex.Message;
        Assert.That(ex.IsMessageBuilt, Is.True);
        Assert.That(message, Is.EqualTo("CmfyCloud error rate_limit_exceeded (HTTP 429, request req_abc123): Too many requests were sent per minute. Server said: \"Rate limit exceeded\"."));
        Assert.That(ex.Message, Is.SameAs(message), "built once, then kept");
    }

    [Test]
    public void ToString_and_a_throw_show_the_lazily_built_message()
    {
        CmfyCloudException ex = CmfyCloudErrors.FromResponse(429, CmfyBody, CmfyHeaders());

        // Exception.ToString() reads the virtual Message: the first line is the type and the one-line message.
        string text = ex.ToString();
        Assert.That(text, Does.StartWith(typeof(CmfyCloudRateLimitException).FullName + ": CmfyCloud error rate_limit_exceeded"));
        Assert.That(ex.IsMessageBuilt, Is.True);

        Exception caught = Assert.Throws<CmfyCloudRateLimitException>(() => throw CmfyCloudErrors.FromResponse(429, CmfyBody))!;
        Assert.That(caught.Message, Does.Contain("Server said: \"Rate limit exceeded\""));
        Assert.That(caught.ToString(), Does.Contain(caught.Message));
    }

    [Test]
    public void The_message_does_not_depend_on_when_it_is_built()
    {
        // Built at once, or after everything else was read: the same text (every part of it is fixed at construction).
        string early = RunComfyServerlessErrors.FromResponse(422, """{"error_code": 422001, "message": "Bad token=abc", "detail": [{"loc": ["body", "seed"], "msg": "not an integer"}]}""").Message;
        RunComfyServerlessException late = RunComfyServerlessErrors.FromResponse(422, """{"error_code": 422001, "message": "Bad token=abc", "detail": [{"loc": ["body", "seed"], "msg": "not an integer"}]}""");
        _ = (late.Errors, late.Remediation, late.GetRetryDelay(0), late.Response.ToString());
        Assert.That(late.Message, Is.EqualTo(early));
        Assert.That(early, Does.Contain("token=***").And.Not.Contain("abc"));
    }

    [Test]
    public void The_runtime_uses_no_regular_expression()
    {
        // Not on the common path, and not for HTML either: the <title> is found by a linear scan of the bytes.
        AssemblyNameSetOf(typeof(ApiErrorException).Assembly).ToList().ForEach(name =>
            Assert.That(name, Is.Not.EqualTo("System.Text.RegularExpressions")));
        Assert.That(typeof(ApiErrorException).Assembly.GetTypes().SelectMany(t => t.GetFields(System.Reflection.BindingFlags.Static | System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Public)).Where(f => f.FieldType == typeof(Regex)), Is.Empty);
    }

    private static IEnumerable<string?> AssemblyNameSetOf(System.Reflection.Assembly assembly) => assembly.GetReferencedAssemblies().Select(a => a.Name);

    [Test]
    public void FromResponse_on_the_cmfy_429_allocates_at_most_1_KB()
    {
        List<KeyValuePair<string, IEnumerable<string>>> headers = CmfyHeaders();
        CmfyCloudErrors.FromResponse(429, CmfyBody, headers); // warm up (type initialisers, the thread's reused builder)

        long before = GC.GetAllocatedBytesForCurrentThread();
        CmfyCloudException ex = CmfyCloudErrors.FromResponse(429, CmfyBody, headers);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.That(allocated, Is.LessThanOrEqualTo(1024), "bytes allocated by FromResponse (message not read)");
        Assert.That(ex.Code, Is.EqualTo(CmfyCloudErrorCode.RateLimitExceeded));
    }

    [Test]
    public void Reading_the_message_allocates_the_line_and_little_else()
    {
        // The line is composed in the thread's reused builder and is already clean and short, so it is not cleaned or
        // copied again: 344 B in optimised code for this line of 143 characters (286 B of them its characters). A test
        // runs the first, unoptimised calls, which allocate more (632 B); before the builder was reused and the line kept
        // clean, reading it cost 1,600 B even optimised.
        List<KeyValuePair<string, IEnumerable<string>>> headers = CmfyHeaders();
        _ = CmfyCloudErrors.FromResponse(429, CmfyBody, headers).Message; // warm up (the thread's builder)
        CmfyCloudException ex = CmfyCloudErrors.FromResponse(429, CmfyBody, headers);

        long before = GC.GetAllocatedBytesForCurrentThread();
        string message = ex.Message;
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        long line = 24 + (2L * message.Length);
        Assert.That(allocated, Is.LessThanOrEqualTo(3 * line), "bytes allocated by the first read of Message, for a line of " + message.Length + " characters");
        Assert.That(message, Does.Contain("rate_limit_exceeded").And.Contain("Server said: \"Rate limit exceeded\"").And.Not.EndWith(" "));
    }

    [Test]
    public void Messages_built_at_once_on_many_threads_are_each_their_own()
    {
        // Each thread has its own builder; a message built while another is (on the same thread or not) gets a new one.
        var wrong = new System.Collections.Concurrent.ConcurrentBag<string>();
        System.Threading.Tasks.Parallel.For(0, 4000, new System.Threading.Tasks.ParallelOptions { MaxDegreeOfParallelism = 8 }, i =>
        {
            string text = "Rate limit " + i.ToString(System.Globalization.CultureInfo.InvariantCulture) + new string('x', i % 700);
            var ex = CmfyCloudErrors.FromResponse(429, "{\"error\": {\"code\": \"rate_limit_exceeded\", \"message\": \"" + text + "\"}}");
            string expected = "Server said: \"" + (text.Length <= 300 ? text : text.Substring(0, 299) + "…") + "\"";
            if (!ex.Message.Contains(expected, StringComparison.Ordinal))
            {
                wrong.Add(i + ": " + ex.Message);
            }
        });

        Assert.That(wrong, Is.Empty);
    }

    /// <summary>A cmfy.cloud 429 as HttpClient hands it over: the body, and the dozen headers a CDN-fronted API sends.</summary>
    private static System.Net.Http.HttpResponseMessage CmfyHttpResponse()
    {
        var response = new System.Net.Http.HttpResponseMessage((System.Net.HttpStatusCode)429);
        foreach ((string name, string value) in new[]
        {
            ("Date", "Wed, 02 Dec 2026 15:50:00 GMT"), ("Server", "cloudflare"), ("Connection", "keep-alive"),
            ("CF-RAY", "8e1f2a3b4c5d6e7f-FRA"), ("Vary", "Accept-Encoding"), ("Strict-Transport-Security", "max-age=31536000"),
            ("X-Request-Id", "req_abc123"), ("Retry-After", "45"), ("X-RateLimit-Limit", "60"), ("X-RateLimit-Remaining", "0"),
            ("X-RateLimit-Reset", "1699574400"),
        })
        {
            response.Headers.TryAddWithoutValidation(name, value);
        }

        response.Content = new System.Net.Http.ByteArrayContent(Encoding.UTF8.GetBytes(CmfyBody));
        response.Content.Headers.TryAddWithoutValidation("Content-Type", "application/json");
        return response;
    }

    [Test]
    public void Reading_an_HttpResponseMessage_allocates_no_read_buffer_and_no_array_per_header()
    {
        // The body is read through a pooled chunk into an array of its declared length, and the headers are scanned as
        // received: the validating enumeration parsed each header and made an array of each (about 700 B here), and the
        // read chunk was a new 16 KB array per response.
        _ = ErrorResponseReader.ReadAsync(ErrorWireFormat.Cmfy, CmfyHttpResponse()).GetAwaiter().GetResult(); // warm up
        using System.Net.Http.HttpResponseMessage response = CmfyHttpResponse();

        long before = GC.GetAllocatedBytesForCurrentThread();
        ErrorResponse read = ErrorResponseReader.ReadAsync(ErrorWireFormat.Cmfy, response).GetAwaiter().GetResult();
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.That((read.RawCode, read.RequestId, read.RetryAfter, read.RateLimit!.Remaining), Is.EqualTo(("rate_limit_exceeded", "req_abc123", (TimeSpan?)TimeSpan.FromSeconds(45), (long?)0)));
        Assert.That(response.Content.ReadAsStringAsync().GetAwaiter().GetResult(), Is.EqualTo(CmfyBody), "the body is still there");
        Assert.That(response.Content.Headers.ContentType!.MediaType, Is.EqualTo("application/json"), "and its headers");
        // The netstandard2.0 build has no way to read the headers as received: it still pays for their validation.
        bool netStandard = typeof(ErrorResponseReader).Assembly.GetCustomAttributes(typeof(System.Runtime.Versioning.TargetFrameworkAttribute), false)
            .Cast<System.Runtime.Versioning.TargetFrameworkAttribute>().Single().FrameworkName.StartsWith(".NETStandard", StringComparison.Ordinal);
        Assert.That(allocated, Is.LessThan(netStandard ? 4096 : 2048), "bytes allocated by ReadAsync for a body of " + CmfyBody.Length + " bytes");
    }

    [Test]
    public void An_empty_503_allocates_no_more_than_the_hand_written_parse()
    {
        // The hand-written baseline of the benchmarks allocates 304 B here (its exception and its message); ours is the
        // catalog's exception and the ErrorResponse, both kept small (no nullable fields, rare members in one object).
        var headers = new List<KeyValuePair<string, IEnumerable<string>>> { new("Retry-After", new[] { "30" }), new("Content-Length", new[] { "0" }) };
        CmfyCloudErrors.FromResponse(503, string.Empty, headers);

        long before = GC.GetAllocatedBytesForCurrentThread();
        CmfyCloudException ex = CmfyCloudErrors.FromResponse(503, string.Empty, headers);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        // 280 B: the ErrorResponse (104 B) and the exception (176 B); the hand-written parse's is 304 B.
        Assert.That(allocated, Is.LessThanOrEqualTo(280));
        Assert.That((ex.HttpStatus, ex.RetryAfter, ex.IsRetryable, ex.Response.BodyKind), Is.EqualTo(((int?)503, (TimeSpan?)TimeSpan.FromSeconds(30), true, ErrorBodyKind.Empty)));
    }

    [Test]
    public void The_exception_keeps_no_field_that_follows_from_the_others()
    {
        // The transport rule and the backoff are found when read (from the provider's rules, the entry and the status
        // rule); the enums and flags of the classification take a byte each.
        var fields = typeof(ApiErrorException).GetFields(System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.DeclaredOnly);
        Type[] kept = fields.Select(f => f.FieldType).ToArray();
        Assert.That(kept, Has.None.EqualTo(typeof(TransportRule)).And.None.EqualTo(typeof(RetryParameters)));
        Assert.That(kept, Has.None.EqualTo(typeof(bool)).And.None.EqualTo(typeof(RetryStrategy)).And.None.EqualTo(typeof(RetrySource)));
        Assert.That(fields.Where(f => f.FieldType.IsValueType).Sum(f => System.Runtime.InteropServices.Marshal.SizeOf(f.FieldType.IsEnum ? Enum.GetUnderlyingType(f.FieldType) : f.FieldType)), Is.LessThanOrEqualTo(12), "a wait in ticks and four bytes");
    }

    [Test]
    public void The_error_path_objects_keep_plain_values_not_nullables()
    {
        // A TimeSpan? or int? field is twice its value's size; the response and the exception keep numbers and flags.
        foreach (Type type in new[] { typeof(ErrorResponse), typeof(ApiErrorException) })
        {
            var fields = type.GetFields(System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.DeclaredOnly);
            Assert.That(fields.Where(f => Nullable.GetUnderlyingType(f.FieldType) != null).Select(f => f.Name), Is.Empty, type.Name);
        }

        ErrorResponse noWait = ErrorResponseReader.Read(ErrorWireFormat.Cmfy, null, "{}");
        Assert.That((noWait.HttpStatus, noWait.RetryAfter, noWait.Problem, noWait.NonJsonExcerpt, noWait.ReadException), Is.EqualTo(((int?)null, (TimeSpan?)null, (string?)null, (string?)null, (Exception?)null)));
        ErrorResponse zero = ErrorResponseReader.Read(ErrorWireFormat.Cmfy, 0, "{\"error\":{\"retry_after\":0}}");
        Assert.That((zero.HttpStatus, zero.RetryAfter), Is.EqualTo(((int?)0, (TimeSpan?)TimeSpan.Zero)), "a zero is a value, not none");
    }

    [Test]
    public void A_detail_location_costs_one_string()
    {
        // A FastAPI loc is joined on the stack: six segments cost the longer text, not a builder and a string each.
        static long Allocated(string loc)
        {
            string body = "{\"error_code\": 422001, \"message\": \"Validation Error\", \"detail\": [{\"loc\": " + loc + ", \"msg\": \"bad\"}]}";
            RunComfyServerlessErrors.FromResponse(422, body);
            long before = GC.GetAllocatedBytesForCurrentThread();
            RunComfyServerlessErrors.FromResponse(422, body);
            return GC.GetAllocatedBytesForCurrentThread() - before;
        }

        long one = Allocated("[\"seed\"]");
        long six = Allocated("[\"body\", \"overrides\", 6, \"inputs\", 0, \"seed\"]");

        // "body.overrides.6.inputs.0.seed" is 26 characters more than "seed", in the location and in the detail made of it.
        Assert.That(six - one, Is.LessThanOrEqualTo(2 * 2 * 26 + 16));
    }

    [Test]
    public void The_catalog_backoff_is_completed_once_per_entry_not_per_exception()
    {
        // cmfy.cloud states a backoff for the provider (1 s, 60 s, 10%, 5 attempts) and 3 attempts for the 429 codes: the
        // exception's parameters are the code's completed from the provider's, made once and shared, not made per body.
        CmfyCloudException first = CmfyCloudErrors.FromResponse(429, CmfyBody, CmfyHeaders());
        CmfyCloudException second = CmfyCloudErrors.FromResponse(429, CmfyBody, CmfyHeaders());

        Assert.That(first.RetryParameters, Is.Not.Null);
        Assert.That(first.RetryParameters!.MaxAttempts, Is.EqualTo(3), "the code's own value");
        Assert.That(first.RetryParameters.BaseDelay, Is.EqualTo(TimeSpan.FromSeconds(1)), "the provider's value");
        Assert.That(second.RetryParameters, Is.SameAs(first.RetryParameters));
    }

    [Test]
    public void Headers_that_are_not_ours_cost_nothing()
    {
        // Matched by length and at most one comparison, never trimmed into a copy: reading them allocates nothing more.
        var other = new List<KeyValuePair<string, IEnumerable<string>>>
        {
            new("Content-Type", new[] { "application/json" }), new("Content-Length", new[] { "0" }), new("Server", new[] { "cloudflare" }),
        };
        ErrorResponseReader.Read(ErrorWireFormat.Cmfy, 503, string.Empty, other);
        ErrorResponseReader.Read(ErrorWireFormat.Cmfy, 503, string.Empty, null);

        long before = GC.GetAllocatedBytesForCurrentThread();
        ErrorResponseReader.Read(ErrorWireFormat.Cmfy, 503, string.Empty, null);
        long none = GC.GetAllocatedBytesForCurrentThread() - before;
        before = GC.GetAllocatedBytesForCurrentThread();
        ErrorResponse read = ErrorResponseReader.Read(ErrorWireFormat.Cmfy, 503, string.Empty, other);
        long withOthers = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.That(withOthers, Is.EqualTo(none));
        Assert.That((read.RetryAfter, read.RequestId, read.RateLimit), Is.EqualTo(((TimeSpan?)null, (string?)null, (RateLimitInfo?)null)));
    }

    [Test]
    public void RateLimitInfo_keeps_plain_values_not_nullables()
    {
        // Seven nullable fields made the object 136 B on every rate-limited error; plain values and a mask make it 88 B.
        var fields = typeof(RateLimitInfo).GetFields(System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Public);
        Assert.That(fields.Where(f => Nullable.GetUnderlyingType(f.FieldType) != null), Is.Empty);
        var info = new RateLimitInfo(60, null, DateTimeOffset.FromUnixTimeSeconds(1699574400));
        Assert.That((info.Limit, info.Remaining, info.Reset, info.QueueLimit), Is.EqualTo(((long?)60, (long?)null, (DateTimeOffset?)DateTimeOffset.FromUnixTimeSeconds(1699574400), (long?)null)));
    }

    [Test]
    public void A_string_body_is_not_copied_into_a_new_array()
    {
        // 200 KB of white space around one error: encoded into a pooled buffer, so the call allocates far less than
        // the body's UTF-8 copy would (it used to allocate that copy whole).
        string body = "{\"errors\":[{\"code\":\"c\",\"message\":\"m\"}]" + new string(' ', 200_000) + "}";
        ErrorResponseReader.Read(ErrorWireFormat.Runware, 400, body); // warm up the pool

        long before = GC.GetAllocatedBytesForCurrentThread();
        ErrorResponse response = ErrorResponseReader.Read(ErrorWireFormat.Runware, 400, body);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.That(allocated, Is.LessThan(4_096));
        Assert.That((response.BodyKind, response.RawCode), Is.EqualTo((ErrorBodyKind.Json, "c")));
    }

    [Test]
    public void A_one_error_body_makes_its_list_of_errors_when_read_and_once()
    {
        List<KeyValuePair<string, IEnumerable<string>>> headers = CmfyHeaders();
        CmfyCloudErrors.FromResponse(429, CmfyBody, headers); // warm up
        ErrorResponse response = ErrorResponseReader.Read(ErrorWireFormat.Cmfy, 429, CmfyBody, headers);
        var held = typeof(ErrorResponse).GetField("_errors", System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.NonPublic)!;
        Assert.That(held.GetValue(response), Is.InstanceOf<ApiError>(), "one error is held alone, its list not made");

        long before = GC.GetAllocatedBytesForCurrentThread();
        IReadOnlyList<ApiError> errors = response.Errors;
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.That(allocated, Is.GreaterThan(0).And.LessThanOrEqualTo(64), "one array of one, made on the first read");
        Assert.That(errors.Single().Code, Is.EqualTo("rate_limit_exceeded"));
        Assert.That(errors.Single(), Is.SameAs(response.Errors[0]));
        Assert.That(response.Errors, Is.SameAs(errors), "made once, then kept");
        Assert.That(response.RawCode, Is.EqualTo(errors[0].Code));

        // Racing first reads all see one list.
        ErrorResponse raced = ErrorResponseReader.Read(ErrorWireFormat.Cmfy, 429, CmfyBody, headers);
        IReadOnlyList<ApiError>[] seen = new IReadOnlyList<ApiError>[8];
        using (var start = new System.Threading.Barrier(seen.Length))
        {
            System.Threading.Tasks.Parallel.For(0, seen.Length, new System.Threading.Tasks.ParallelOptions { MaxDegreeOfParallelism = seen.Length }, i =>
            {
                start.SignalAndWait();
                seen[i] = raced.Errors;
            });
        }

        Assert.That(seen.Distinct().Count(), Is.EqualTo(1));
        Assert.That(seen[0], Is.SameAs(raced.Errors));

        // More than one error, and none, are lists from the start.
        ErrorResponse two = ErrorResponseReader.Read(ErrorWireFormat.Runware, 400, """{"errors": [{"code": "a"}, {"code": "b"}]}""");
        Assert.That(held.GetValue(two), Is.InstanceOf<ApiError[]>());
        Assert.That(two.Errors.Select(e => e.Code), Is.EqualTo(new[] { "a", "b" }));
        Assert.That(ErrorResponseReader.Read(ErrorWireFormat.Cmfy, 503, string.Empty).Errors, Is.Empty);
    }

    [TestCase("plain ASCII")]
    [TestCase("caf\u00e9 after ASCII")]
    [TestCase("\u00e9 first")]
    [TestCase("a lone \ud800 surrogate")]
    [TestCase("a pair \ud83d\ude00 and \udc00 a lone low one")]
    [TestCase("ends on a lone high \ud83d")]
    public void A_string_body_is_encoded_as_Encoding_UTF8_encodes_it(string text)
    {
        // The ASCII prefix is narrowed, the rest encoded: together what Encoding.UTF8 makes (U+FFFD for a lone surrogate).
        foreach (string body in new[] { text, new string('x', 40) + text + new string('y', 40) })
        {
            byte[] expected = Encoding.UTF8.GetBytes(body);
            var buffer = new byte[(body.Length + 1) * 3];
            int written = Utf8Text.Encode(body, buffer);
            Assert.That(buffer.AsSpan(0, written).ToArray(), Is.EqualTo(expected), body);
        }
    }

    [Test]
    public void The_headers_are_walked_once()
    {
        var headers = new CountingHeaders(CmfyHeaders());
        CmfyCloudException ex = CmfyCloudErrors.FromResponse(429, CmfyBody, headers);

        Assert.That(headers.Enumerations, Is.EqualTo(1));
        Assert.That((ex.RetryAfter, ex.RateLimit!.Remaining), Is.EqualTo((TimeSpan.FromSeconds(45), 0L)));
    }

    [Test]
    public void A_declared_shape_walks_the_headers_once_with_the_facts()
    {
        // A shape with request-id headers of its own, and the JSON shape (which looks for problem+json), read the headers in
        // the same walk as the waits and rate limits: a header set that can be walked once loses nothing.
        ErrorShape traced = Traced("X-Trace-Id");
        foreach (bool bytes in new[] { false, true })
        {
            var headers = new OnceHeaders(("Retry-After", "7"), ("X-Trace-Id", "trace-1"), ("X-RateLimit-Remaining", "3"));
            ErrorResponse read = bytes
                ? ErrorResponseReader.Read(traced, 429, Encoding.UTF8.GetBytes("{\"error\": {\"code\": \"slow_down\"}}"), headers, TimeProvider.System)
                : ErrorResponseReader.Read(traced, 429, "{\"error\": {\"code\": \"slow_down\"}}", headers, TimeProvider.System);
            Assert.That(headers.Enumerations, Is.EqualTo(1), bytes ? "bytes" : "string");
            Assert.That((read.RawCode, read.RequestId, read.RetryAfter, read.RateLimit!.Remaining), Is.EqualTo(("slow_down", "trace-1", (TimeSpan?)TimeSpan.FromSeconds(7), (long?)3)));
        }

        var problem = new OnceHeaders(("Content-Type", "application/problem+json"), ("Retry-After", "2"));
        ErrorResponse json = ErrorResponseReader.Read(ErrorShape.Json, 400, "{\"type\": \"about:blank\", \"title\": \"Bad\", \"status\": 400}", problem, TimeProvider.System);
        Assert.That(problem.Enumerations, Is.EqualTo(1));
        Assert.That((json.Shape, json.RetryAfter), Is.EqualTo((ErrorShape.Problem, (TimeSpan?)TimeSpan.FromSeconds(2))));
    }

    [Test]
    public async Task A_declared_shape_reads_an_http_response_in_the_walk_of_the_facts()
    {
        // The HttpResponseMessage path walks both header sets once, as received, and hands every header to the shape's
        // reader in that walk: what it finds is what the string path finds of the same headers.
        ErrorShape traced = Traced("X-Trace-Id", "X-Amzn-Trace-Id");
        const string Body = "{\"error\": {\"code\": \"slow_down\"}}";
        using var response = new System.Net.Http.HttpResponseMessage((System.Net.HttpStatusCode)429)
        {
            Content = new System.Net.Http.StringContent(Body, Encoding.UTF8, "application/json"),
        };
        response.Headers.TryAddWithoutValidation("X-Amzn-Trace-Id", "trace-second");
        response.Headers.TryAddWithoutValidation("Retry-After", "7");
        response.Headers.TryAddWithoutValidation("X-Trace-Id", "trace-first");
        response.Headers.TryAddWithoutValidation("X-RateLimit-Remaining", "3");

        ErrorResponse read = await ErrorResponseReader.ReadAsync(traced, response, TimeProvider.System);
        ErrorResponse fromString = ErrorResponseReader.Read(traced, 429, Body, response.Headers.Concat(response.Content.Headers), TimeProvider.System);
        Assert.That((read.RawCode, read.RequestId, read.RetryAfter, read.RateLimit!.Remaining), Is.EqualTo(("slow_down", "trace-first", (TimeSpan?)TimeSpan.FromSeconds(7), (long?)3)), "the first-listed header name wins, wherever it comes");
        Assert.That((read.RequestId, read.RetryAfter, read.RateLimit.Remaining), Is.EqualTo((fromString.RequestId, fromString.RetryAfter, fromString.RateLimit!.Remaining)));

        // The JSON shape finds problem+json in the content's headers, in the same walk.
        using var problem = new System.Net.Http.HttpResponseMessage(System.Net.HttpStatusCode.BadRequest)
        {
            Content = new System.Net.Http.StringContent("{\"type\": \"about:blank\", \"title\": \"Bad\"}", Encoding.UTF8, "application/problem+json"),
        };
        problem.Headers.TryAddWithoutValidation("Retry-After", "2");
        ErrorResponse json = await ErrorResponseReader.ReadAsync(ErrorShape.Json, problem, TimeProvider.System);
        Assert.That((json.Shape, json.RetryAfter, json.Message), Is.EqualTo((ErrorShape.Problem, (TimeSpan?)TimeSpan.FromSeconds(2), "Bad")));
    }

#if !RUNTIME_NETSTANDARD
    [Test]
    public void The_walk_of_http_headers_hands_every_header_once_to_the_other_reader()
    {
        using var response = new System.Net.Http.HttpResponseMessage((System.Net.HttpStatusCode)429) { Content = new System.Net.Http.ByteArrayContent(Array.Empty<byte>()) };
        response.Headers.TryAddWithoutValidation("Server", "cloudflare");
        response.Headers.TryAddWithoutValidation("Retry-After", "7");
        response.Headers.TryAddWithoutValidation("X-Trace-Id", new[] { "a", "b" });
        response.Content.Headers.TryAddWithoutValidation("Content-Type", "application/json");

        var names = new RecordingReader { Seen = new List<string>() };
        HeaderFacts facts = HeaderFacts.From(response.Headers, response.Content.Headers, TimeProvider.System, ref names);

        Assert.That(names.Seen, Is.EqualTo(new[] { "Server=cloudflare", "Retry-After=7", "X-Trace-Id=a,b", "Content-Type=application/json" }));
        Assert.That(facts.RetryAfter, Is.EqualTo((TimeSpan?)TimeSpan.FromSeconds(7)));
    }

    private struct RecordingReader : HeaderFacts.IHeaderReader
    {
        public List<string> Seen;

        public void Add(string? name, IEnumerable<string>? values) => Seen.Add(name + "=" + string.Join(",", values ?? Array.Empty<string>()));

        public void Add(string name, System.Net.Http.Headers.HeaderStringValues values) => Seen.Add(name + "=" + string.Join(",", values));
    }
#endif

    /// <summary>A declared shape of <c>{"error": {"code": …}}</c> with request-id headers of its own, in the order given.</summary>
    private static ErrorShape Traced(params string[] requestIdHeaders)
    {
        var definition = new ErrorShapeDefinition();
        definition.Error.Add("/error");
        definition.Code.Add("/code");
        foreach (string name in requestIdHeaders)
        {
            definition.RequestIdHeaders.Add(name);
        }

        return ErrorShape.Create(definition);
    }

    /// <summary>Headers that can be walked once, as a caller's iterator over a stream could be: a second walk finds none.</summary>
    private sealed class OnceHeaders : IEnumerable<KeyValuePair<string, IEnumerable<string>>>
    {
        private readonly (string Name, string Value)[] _headers;

        public OnceHeaders(params (string Name, string Value)[] headers) => _headers = headers;

        public int Enumerations { get; private set; }

        public IEnumerator<KeyValuePair<string, IEnumerable<string>>> GetEnumerator()
        {
            Enumerations++;
            return (Enumerations == 1 ? _headers : Array.Empty<(string Name, string Value)>())
                .Select(h => new KeyValuePair<string, IEnumerable<string>>(h.Name, new[] { h.Value })).GetEnumerator();
        }

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
    }

    [Test]
    public void The_reader_keeps_no_state_between_bodies()
    {
        // One builder per thread is reused: nothing of one body may leak into the next.
        ErrorResponse first = ErrorResponseReader.Read(ErrorWireFormat.Cmfy, 429, CmfyBody);
        ErrorResponse second = ErrorResponseReader.Read(ErrorWireFormat.Cmfy, 400, """{"error": {"code": "too_many_nodes"}}""");
        ErrorResponse third = ErrorResponseReader.Read(ErrorWireFormat.Runware, 400, """{"errors": [{"code": "a", "x": 1}, {"code": "b", "parameter": "p"}]}""");

        Assert.That((first.RawCode, first.RequestId, first.RetryAfter), Is.EqualTo(("rate_limit_exceeded", "req_abc123", (TimeSpan?)TimeSpan.FromSeconds(45))));
        Assert.That((second.RawCode, second.Message, second.RequestId, second.RetryAfter, second.Errors.Count), Is.EqualTo(("too_many_nodes", (string?)null, (string?)null, (TimeSpan?)null, 1)));
        Assert.That(third.Errors.Select(e => (e.Code, e.Parameter, e.ExtraFields.Count)), Is.EqualTo(new[] { ("a", (string?)null, 1), ("b", "p", 0) }));
        Assert.That(first.Errors.Single().Code, Is.EqualTo("rate_limit_exceeded"), "an earlier response is not changed by later reads");
    }

    [Test]
    public void The_title_scan_finds_what_the_regular_expression_found()
    {
        // The expression the reader used before, against the linear scan, on many small pieces of HTML-like text.
        var title = new Regex("<title[^>]*>(?<t>[^<]*)</title>", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
        string[] pieces = { "<", ">", "/", "title", "TiTlE", "</title>", "<title>", "<title lang=\"en\">", " ", "x", "é", "\n", "<t", "itle", "</", "<b>" };
        var random = new Random(11);
        for (int n = 0; n < 20_000; n++)
        {
            var sb = new StringBuilder();
            int count = random.Next(1, 12);
            for (int k = 0; k < count; k++)
            {
                sb.Append(pieces[random.Next(pieces.Length)]);
            }

            string html = sb.ToString();
            Match expected = title.Match(html);
            byte[] bytes = Encoding.UTF8.GetBytes(html);
            bool found = TextExcerpt.TryFindTitle(bytes, out int start, out int length);

            Assert.That(found, Is.EqualTo(expected.Success), html);
            if (found)
            {
                Assert.That(Encoding.UTF8.GetString(bytes, start, length), Is.EqualTo(expected.Groups["t"].Value), html);
            }
        }
    }

    /// <summary>Headers that count how often they are walked (not a list, so the reader cannot index them).</summary>
    private sealed class CountingHeaders : IEnumerable<KeyValuePair<string, IEnumerable<string>>>
    {
        private readonly List<KeyValuePair<string, IEnumerable<string>>> _headers;

        public CountingHeaders(List<KeyValuePair<string, IEnumerable<string>>> headers) => _headers = headers;

        public int Enumerations { get; private set; }

        public IEnumerator<KeyValuePair<string, IEnumerable<string>>> GetEnumerator()
        {
            Enumerations++;
            return _headers.GetEnumerator();
        }

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
