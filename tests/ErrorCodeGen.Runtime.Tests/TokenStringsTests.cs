using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using ErrorCodeGen;
using NUnit.Framework;

namespace ErrorCodeGen.Runtime.Tests;

/// <summary>
/// The shared strings of short identifiers (codes, task types, parameter names, extra-field names, small integers): the
/// same string handed out for the same bytes body after body, always the right text, and never a message, a request id or
/// any other text a body may echo of a request.
/// </summary>
[NonParallelizable]
public class TokenStringsTests
{
    private const string RunwareBody = """{"data": [], "errors": [{"code": "timeoutProvider", "message": "Provider timed out", "taskType": "imageInference", "taskUUID": "a1"}, {"code": "invalidWidth", "message": "Width out of range", "parameter": "width", "taskUUID": "b2", "type": "integer", "min": 128, "max": 2048}]}""";

    [Test]
    public void Codes_task_types_parameters_and_extra_names_are_one_string_for_every_body()
    {
        RunwareException first = RunwareErrors.FromResponse(400, RunwareBody);
        RunwareException second = RunwareErrors.FromResponse(400, RunwareBody);

        ApiError a = first.Errors[1], b = second.Errors[1];
        Assert.That((a.Code, a.Parameter, a.ExtraFields["min"], a.ExtraFields["max"], a.ExtraFields["type"]), Is.EqualTo(("invalidWidth", "width", "128", "2048", "\"integer\"")));
        Assert.That(b.Code, Is.SameAs(a.Code));
        Assert.That(b.Parameter, Is.SameAs(a.Parameter));
        Assert.That(second.Errors[0].TaskType, Is.SameAs(first.Errors[0].TaskType));
        Assert.That(b.ExtraFields.Keys.OrderBy(k => k), Is.EqualTo(new[] { "max", "min", "type" }));
        Assert.That(b.ExtraFields.Keys.Single(k => k == "min"), Is.SameAs(a.ExtraFields.Keys.Single(k => k == "min")));
        Assert.That(b.ExtraFields["min"], Is.SameAs(a.ExtraFields["min"]));

        // What is text of the response, not an identifier, is made anew.
        Assert.That(b.Message, Is.EqualTo(a.Message).And.Not.SameAs(a.Message));
        Assert.That(b.ExtraFields["type"], Is.EqualTo(a.ExtraFields["type"]).And.Not.SameAs(a.ExtraFields["type"]));
    }

    [Test]
    public void Messages_request_ids_task_ids_and_string_values_are_never_kept()
    {
        TokenStrings.Clear();
        const string body = """{"error": {"code": "rate_limit_exceeded", "message": "sk_live_short", "details": {"key": "sk_detail"}, "retry_after": 45, "request_id": "req_abc123"}}""";
        CmfyCloudException ex = CmfyCloudErrors.FromResponse(429, body);
        Assert.That((ex.RawCode, ex.ServerMessage, ex.RequestId), Is.EqualTo(("rate_limit_exceeded", "sk_live_short", "req_abc123")));

        RunwareErrors.FromResponse(400, """{"errors": [{"code": "invalidApiKey", "message": "bad", "taskUUID": "uuid_1", "apiKey": "sk_extra"}]}""");

        Assert.That(TokenStrings.Holds("rate_limit_exceeded"), Is.True);
        Assert.That(TokenStrings.Holds("invalidApiKey"), Is.True);
        foreach (string text in new[] { "sk_live_short", "req_abc123", "sk_detail", "uuid_1", "sk_extra", "\"sk_extra\"", "bad" })
        {
            Assert.That(TokenStrings.Holds(text), Is.False, text);
        }
    }

    [Test]
    public void Only_short_values_of_the_identifier_alphabet_go_through_the_table()
    {
        foreach (string value in new[] { "with space", "ünïcode", "quote\"d", "tab\t", "a/b", new string('x', TokenStrings.MaxLength + 1), "" })
        {
            Assert.That(TokenStrings.TryGet(Encoding.UTF8.GetBytes(value)), Is.Null, value);
        }

        foreach (string value in new[] { "a", "rate_limit_exceeded", "invalid-width", "v1.2:x", "422001", new string('x', TokenStrings.MaxLength) })
        {
            Assert.That(TokenStrings.TryGet(Encoding.UTF8.GetBytes(value)), Is.EqualTo(value), value);
        }
    }

    [Test]
    public void Values_that_share_a_slot_always_come_back_as_their_own_text()
    {
        // Far more values than slots: every slot is fought over, and each lookup must still give its own text.
        var random = new Random(20261201);
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-.:";
        string[] values = Enumerable.Range(0, 20 * TokenStrings.Size)
            .Select(_ => new string(Enumerable.Range(0, random.Next(1, TokenStrings.MaxLength + 1)).Select(_ => alphabet[random.Next(alphabet.Length)]).ToArray()))
            .ToArray();

        for (int round = 0; round < 3; round++)
        {
            foreach (string value in values)
            {
                Assert.That(TokenStrings.TryGet(Encoding.ASCII.GetBytes(value)), Is.EqualTo(value));
            }
        }

        Assert.That(TokenStrings.Count(), Is.LessThanOrEqualTo(TokenStrings.Size));
    }

    [Test]
    public void Threads_racing_for_the_same_slots_each_get_their_own_text()
    {
        string[] values = Enumerable.Range(0, 4 * TokenStrings.Size).Select(i => "code_" + i).ToArray();
        Parallel.For(0, 8, worker =>
        {
            for (int round = 0; round < 200; round++)
            {
                for (int i = worker; i < values.Length; i += 3)
                {
                    string got = TokenStrings.TryGet(Encoding.ASCII.GetBytes(values[i]))!;
                    if (!string.Equals(got, values[i], StringComparison.Ordinal))
                    {
                        throw new AssertionException("got " + got + " for " + values[i]);
                    }
                }
            }
        });
    }

    [Test]
    public void Escaped_and_normalised_values_read_as_before()
    {
        // An escaped code is decoded as any string; a number that is not plain digits is normalised, as before.
        RunwareException escaped = RunwareErrors.FromResponse(400, """{"errors": [{"code": "invalid\u0057idth", "message": "m"}]}""");
        RunwareException fraction = RunwareErrors.FromResponse(400, """{"errors": [{"code": 1.0, "message": "m", "min": 1e3, "max": -0}]}""");

        Assert.That(escaped.Errors[0].Code, Is.EqualTo("invalidWidth"));
        Assert.That(fraction.Errors[0].Code, Is.EqualTo("1"));
        Assert.That((fraction.Errors[0].ExtraFields["min"], fraction.Errors[0].ExtraFields["max"]), Is.EqualTo(("1e3", "-0")));
    }
}
