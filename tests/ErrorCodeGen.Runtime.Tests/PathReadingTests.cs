using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.Json;
using ErrorCodeGen;
using ErrorCodeGen.Formats;
using NUnit.Framework;

namespace ErrorCodeGen.Runtime.Tests;

/// <summary>
/// <see cref="JsonItems.ReadPath"/> joins the common segments on the stack instead of in a <see cref="StringBuilder"/>; the
/// text must be what the general reading gives. The oracle is that reading as it was (each segment through
/// <see cref="JsonValues.Text"/>, joined with dots, bounded as it grows), run on the same bytes.
/// </summary>
public class PathReadingTests
{
    private static readonly string[] s_segments =
    {
        "\"body\"", "\"overrides\"", "\"6\"", "0", "6", "42", "123456789012345678", "1234567890123456789", "-1", "-0", "1.0", "1.5", "1e3",
        "\"\"", "\"a b\"", "\"a\\\"b\"", "\"\\u0041\"", "\"é\"", "\"🚀\"", "\"~\"", "true", "false", "null", "[\"x\",1]", "{\"k\":\"v\"}",
        "\"" + new string('x', 200) + "\"", "\"" + new string('y', 300) + "\"", "\"" + new string('z', 5000) + "\"",
    };

    private static string? Oracle(byte[] json)
    {
        var r = new JsonTokenReader(json);
        r.Read();
        var sb = new StringBuilder();
        while (r.Read() && r.TokenType != JsonTokenType.EndArray)
        {
            int room = ReaderLimits.MaxStringLength + 1 - sb.Length;
            if (room <= 1)
            {
                r.Skip();
                continue;
            }

            string? segment = JsonValues.Text(ref r, json, room);
            if (sb.Length > 0)
            {
                sb.Append('.');
            }

            sb.Append(segment);
        }

        return TextExcerpt.Shorten(sb.ToString(), ReaderLimits.MaxStringLength);
    }

    private static string? Read(byte[] json)
    {
        var r = new JsonTokenReader(json);
        r.Read();
        string? path = JsonItems.ReadPath(ref r, json);
        Assert.That(r.TokenType, Is.EqualTo(JsonTokenType.EndArray), "the reader ends on the array's end");
        return path;
    }

    [Test]
    public void Joined_paths_are_the_text_the_general_reading_gives()
    {
        var random = new Random(20261202);
        for (int i = 0; i < 5_000; i++)
        {
            int count = random.Next(0, i % 50 == 0 ? 40 : 8);
            string json = "[" + string.Join(",", Enumerable.Range(0, count).Select(_ => s_segments[random.Next(s_segments.Length)])) + "]";
            byte[] bytes = Encoding.UTF8.GetBytes(json);
            Assert.That(Read(bytes), Is.EqualTo(Oracle(bytes)), json.Length > 300 ? json.Substring(0, 300) : json);
        }
    }

    [Test]
    public void A_FastAPI_location_reads_as_its_dotted_path()
    {
        byte[] bytes = Encoding.UTF8.GetBytes("""["body", "overrides", "6", "inputs", 0, "seed"]""");
        Assert.That(Read(bytes), Is.EqualTo("body.overrides.6.inputs.0.seed"));
        ErrorResponse response = ErrorResponseReader.Read(ErrorWireFormat.RunComfy, 422, """{"error_code": 422001, "message": "Validation Error", "detail": [{"loc": ["body", "overrides", 6, "seed"], "msg": "not an integer"}]}""");
        Assert.That(response.Errors[0].Details, Is.EqualTo(new[] { "body.overrides.6.seed: not an integer" }));
    }
}
