using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.Json;
using ErrorCodeGen;
using NUnit.Framework;

namespace ErrorCodeGen.Runtime.Tests;

/// <summary>
/// The read path's <see cref="JsonTokenReader"/> against <see cref="Utf8JsonReader"/> with the options the reader used to
/// give it, token by token: the same tokens with the same type, bytes, positions, depth and escape flag; the same values
/// for numbers and strings; the same skips; and a rejection at the same token (or none). Bodies: the hand-picked edges
/// below, the mutated real-shaped bodies of <see cref="MutationFuzzTests"/>, byte-level mutants and a soup of JSON
/// fragments. <c>ECG_FUZZ_BODIES</c> explores more locally.
/// </summary>
public class JsonTokenReaderTests
{
    private static readonly JsonReaderOptions s_options = new JsonReaderOptions
    {
        MaxDepth = ReaderLimits.MaxDepth,
        CommentHandling = JsonCommentHandling.Disallow,
        AllowTrailingCommas = false,
    };

    private static readonly string[] s_edges =
    {
        "{}", "[]", "{\"a\" : 1 , \"b\":\"x\\ny\"}", "[truex]", "[1x]", "[1/]", "[1/**/]", "{\"a\":\"\\uD800\"}", "[01]", "[-01]", "[-]", "[-a]",
        "[1.]", "[1.e5]", "[1e]", "[1e+]", "[1E-5]", "[0.0e-0]", "[1.5e+3 ]", "[-0]", "-0", "1 ", " 1", "1", "12x", "[1,]", "[,1]", "{,}",
        "{\"a\":1,}", "{\"a\"}", "{\"a\" 1}", "{\"a\":1 \"b\":2}", "[}", "{]", "[1]  x", "[] []", "  \"abc\"  ", "\"abc", "\"a\\", "\"a\\x\"",
        "[\"\\u12G4\"]", "[\"\\u123\"]", "[\"\\u1234\"]", "[\"\\/\\b\\f\\n\\r\\t\\\"\\\\\"]", "[\"a\tb\"]", "[\"a\u007Fb\"]",
        "[tru", "[nul]", "[null]", "[false,true,null]", "[fals]", "{\"a\":nulll}", "{\"a\":{\"b\":[1,2,{\"c\":null}]}}", "[[]]", "[[],[]]",
        "{\"\":\"\"}", "{\"a\":\"\"}", "{\"a\\\"b\":1}", "\t\r\n {\"a\":[ ]\n}\r\n", "{\"a\":1}\u0000", "{\"a\":1}\u00A0", "[1\u00A0]",
        "{\"a\":[1,2", "{\"a\":", "{\"a\"", "{", "[", "", " ", "[\"\\uD83D\\uDE80\"]", "[\"\\ud83d\"]", "[\"🚀é\"]", "[1e400]",
        "[123456789012345678901234567890]", "[9223372036854775807]", "[9223372036854775808]", "[-9223372036854775808]", "[1.0]", "[4.2258e4]",
        "[999999999999999999]", "[-999999999999999999]", "[1000000000000000000]", "[-1000000000000000000]", "[0]", "[-1]", "[45,-7]",
        "[0.5]", "[5E1]", "[-0.0]",
        "{\"a\":1}{\"b\":2}", "[1]]", "{}}", "{\"a\":1}]", "[\"\\u0000\"]", "//c\n[1]", "/*c*/[1]", "[1,//c\n2]", "{\"a\":1,//c\n\"b\":2}",
        "\uFEFF[1]", "\uFEFF", "\uFEFF\uFEFF[1]", " \uFEFF[1]", "[1\r]", "[1\n,2]", "{\"a\"\n:\n1\n}",
    };

    /// <summary>The bytes that matter to the grammar, and some that must be refused.</summary>
    private static readonly byte[] s_bytes = Encoding.UTF8.GetBytes("{}[]\",:\\/ \t\r\n0123456789-+.eEtrufalsnbx*#'u")
        .Concat(new byte[] { 0x00, 0x01, 0x1F, 0x7F, 0x80, 0xBF, 0xC3, 0xA9, 0xEF, 0xBB, 0xFF })
        .ToArray();

    private static readonly string[] s_fragments =
    {
        "{", "}", "[", "]", ",", ":", " ", "\n", "\"a\"", "\"a\\\"b\"", "\"\\u00e9\"", "\"\\ud83d\"", "\"", "\\", "1", "-0", "0.5", "1e3", "-",
        "01", "1.", "true", "false", "null", "tru", "nul", "x", "/", "/*", "*/", "//", "\"code\"", "\"error\"", "\t", "\r", "\u00e9", "\u0001",
    };

    private static int Bodies(int fallback)
        => int.TryParse(Environment.GetEnvironmentVariable("ECG_FUZZ_BODIES"), out int value) && value > 0 ? value : fallback;

    [TestCaseSource(nameof(s_edges))]
    public void Edge_cases_read_as_Utf8JsonReader_reads_them(string json)
    {
        byte[] bytes = Encoding.UTF8.GetBytes(json);
        Assert.That(Compare(bytes, skipEvery: 0, random: null), Is.Null);
        Assert.That(Compare(bytes, skipEvery: 0, random: null, members: true), Is.Null, "reading objects member by member");
        for (int every = 1; every <= 3; every++)
        {
            Assert.That(Compare(bytes, every, random: null), Is.Null, "skipping every " + every + " tokens");
        }
    }

    [Test]
    public void The_member_steps_read_what_Read_reads_from_every_position()
    {
        // From every position of every edge case and seed body (in an object at a member, in an array, or neither; valid or
        // not), the steps of the object and array loops give the token Read gives, or refuse where it refuses.
        int positions = 0;
        foreach (string json in s_edges.Concat(MutationFuzzTests.Seeds))
        {
            byte[] bytes = Encoding.UTF8.GetBytes(json);
            var reader = new JsonTokenReader(bytes);
            for (int step = 0; step < 10_000; step++, positions++)
            {
                JsonTokenReader viaName = reader, viaValue = reader, viaItem = reader;
                string name = Step(ref viaName, 1, out _), value = Step(ref viaValue, 2, out _), item = Step(ref viaItem, 3, out _);
                string read = Step(ref reader, 0, out bool more);
                Assert.That(name, Is.EqualTo(read), "ReadMemberName at step " + step + " of " + json);
                Assert.That(value, Is.EqualTo(read), "ReadMemberValue at step " + step + " of " + json);
                Assert.That(item, Is.EqualTo(read), "ReadArrayItem at step " + step + " of " + json);
                if (!more)
                {
                    break;
                }
            }
        }

        Assert.That(positions, Is.GreaterThan(500));

        static string Step(ref JsonTokenReader r, int how, out bool more)
        {
            more = false;
            try
            {
                switch (how)
                {
                    case 0:
                        more = r.Read();
                        break;
                    case 1:
                        // True exactly on a name (from anywhere else it is Read, whose own answer it does not give).
                        if (r.ReadMemberName() != (r.TokenType == JsonTokenType.PropertyName))
                        {
                            return "ReadMemberName's answer is not its token's";
                        }

                        break;
                    case 2:
                        r.ReadMemberValue();
                        break;
                    default:
                        // Never true on a closing bracket (false elsewhere only at the end of the text, where it is Read).
                        if (r.ReadArrayItem() && r.TokenType == JsonTokenType.EndArray)
                        {
                            return "ReadArrayItem's answer is not its token's";
                        }

                        break;
                }

                return r.TokenType + " at " + r.TokenStartIndex + ".." + r.BytesConsumed + " depth " + r.CurrentDepth + " escaped " + r.ValueIsEscaped;
            }
            catch (JsonException)
            {
                return "refused";
            }
        }
    }

    [Test]
    public void Every_token_gives_its_string_and_number_as_Utf8JsonReader_gives_them()
    {
        byte[] json = Encoding.UTF8.GetBytes("[null, true, false, 12, 1.5, \"s\\n\", {\"k\": []}]");
        var theirs = new Utf8JsonReader(json, s_options);
        var ours = new JsonTokenReader(json);
        int tokens = 0;
        while (theirs.Read())
        {
            Assert.That(ours.Read(), Is.True);
            tokens++;
            string theirString, ourString, theirNumber, ourNumber;
            try
            {
                theirString = theirs.GetString() ?? "null";
            }
            catch (InvalidOperationException ex)
            {
                theirString = ex.GetType().Name;
            }

            try
            {
                ourString = ours.GetString() ?? "null";
            }
            catch (InvalidOperationException ex)
            {
                ourString = ex.GetType().Name;
            }

            try
            {
                theirNumber = theirs.TryGetDouble(out double d) + " " + d;
            }
            catch (InvalidOperationException ex)
            {
                theirNumber = ex.GetType().Name;
            }

            try
            {
                ourNumber = ours.TryGetDouble(out double d) + " " + d;
            }
            catch (InvalidOperationException ex)
            {
                ourNumber = ex.GetType().Name;
            }

            Assert.That(ourString, Is.EqualTo(theirString), theirs.TokenType + ": GetString");
            Assert.That(ourNumber, Is.EqualTo(theirNumber), theirs.TokenType + ": TryGetDouble");
        }

        Assert.That(ours.Read(), Is.False);
        Assert.That(tokens, Is.EqualTo(13));
    }

    [Test]
    public void Nesting_is_refused_past_the_limit_at_the_same_token()
    {
        foreach (string open in new[] { "[", "{\"a\":" })
        {
            foreach (int depth in new[] { ReaderLimits.MaxDepth - 1, ReaderLimits.MaxDepth, ReaderLimits.MaxDepth + 1, ReaderLimits.MaxDepth + 5 })
            {
                string close = open == "[" ? "]" : "}";
                string json = string.Concat(Enumerable.Repeat(open, depth)) + "1" + string.Concat(Enumerable.Repeat(close, depth));
                Assert.That(Compare(Encoding.UTF8.GetBytes(json), 0, null), Is.Null, depth + " levels of " + open);
                Assert.That(Compare(Encoding.UTF8.GetBytes(json), 0, null, members: true), Is.Null, depth + " levels of " + open + ", member by member");
            }
        }

        // Mixed containers, right at the limit, then one more.
        string mixed = string.Concat(Enumerable.Range(0, ReaderLimits.MaxDepth).Select(i => i % 2 == 0 ? "[" : "{\"k\":"));
        string closeMixed = string.Concat(Enumerable.Range(0, ReaderLimits.MaxDepth).Reverse().Select(i => i % 2 == 0 ? "]" : "}"));
        Assert.That(Compare(Encoding.UTF8.GetBytes(mixed + "null" + closeMixed), 0, null), Is.Null);
        Assert.That(Compare(Encoding.UTF8.GetBytes(mixed + "[null]" + closeMixed), 0, null), Is.Null);
    }

    [Test]
    public void Mutated_real_bodies_read_as_Utf8JsonReader_reads_them()
    {
        var random = new Random(20261202);
        var failures = new List<string>();
        int bodies = Bodies(20_000);
        for (int i = 0; i < bodies && failures.Count < 5; i++)
        {
            string body = MutationFuzzTests.Mutate(random, MutationFuzzTests.Seeds[random.Next(MutationFuzzTests.Seeds.Length)]);
            byte[] bytes = Encoding.UTF8.GetBytes(body);
            if (random.Next(4) == 0 && bytes.Length > 0)
            {
                bytes[random.Next(bytes.Length)] = s_bytes[random.Next(s_bytes.Length)];
            }

            Check(bytes, random, failures);
        }

        Assert.That(failures, Is.Empty, string.Join("\n", failures));
    }

    [Test]
    public void Byte_mutants_of_valid_bodies_read_as_Utf8JsonReader_reads_them()
    {
        var random = new Random(20261203);
        var failures = new List<string>();
        byte[][] seeds = MutationFuzzTests.Seeds.Concat(s_edges).Select(Encoding.UTF8.GetBytes).Where(b => b.Length > 0).ToArray();
        int bodies = Bodies(20_000);
        for (int i = 0; i < bodies && failures.Count < 5; i++)
        {
            var bytes = new List<byte>(seeds[random.Next(seeds.Length)]);
            for (int step = random.Next(1, 4); step > 0; step--)
            {
                int at = random.Next(bytes.Count + 1);
                switch (random.Next(3))
                {
                    case 0:
                        bytes.Insert(at, s_bytes[random.Next(s_bytes.Length)]);
                        break;
                    case 1 when at < bytes.Count:
                        bytes.RemoveAt(at);
                        break;
                    default:
                        if (at < bytes.Count)
                        {
                            bytes[at] = s_bytes[random.Next(s_bytes.Length)];
                        }

                        break;
                }
            }

            Check(bytes.ToArray(), random, failures);
        }

        Assert.That(failures, Is.Empty, string.Join("\n", failures));
    }

    [Test]
    public void Fragment_soup_reads_as_Utf8JsonReader_reads_it()
    {
        var random = new Random(20261204);
        var failures = new List<string>();
        int bodies = Bodies(20_000);
        int accepted = 0;
        for (int i = 0; i < bodies && failures.Count < 5; i++)
        {
            var sb = new StringBuilder(random.Next(2) == 0 ? "{" : "[");
            for (int n = random.Next(0, 12); n > 0; n--)
            {
                sb.Append(s_fragments[random.Next(s_fragments.Length)]);
            }

            byte[] bytes = Encoding.UTF8.GetBytes(sb.ToString());
            accepted += ReadsWhole(bytes) ? 1 : 0;
            Check(bytes, random, failures);
        }

        Assert.That(failures, Is.Empty, string.Join("\n", failures));
        Assert.That(accepted, Is.GreaterThan(bodies / 1000), "the soup holds valid JSON too, not only rejects");
    }

    private static void Check(byte[] bytes, Random random, List<string> failures)
    {
        string? failure = Compare(bytes, random.Next(3) == 0 ? random.Next(1, 6) : 0, random, members: random.Next(2) == 0);
        if (failure != null)
        {
            failures.Add(failure + " in " + Show(bytes));
        }
    }

    private static bool ReadsWhole(byte[] bytes)
    {
        var reader = new Utf8JsonReader(bytes, s_options);
        try
        {
            while (reader.Read())
            {
            }

            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary>
    /// Reads <paramref name="json"/> with both readers in step; every <paramref name="skipEvery"/>-th token (when not 0) is
    /// skipped rather than read past. Null when they agree throughout, else what differed first.
    /// </summary>
    private static string? Compare(byte[] json, int skipEvery, Random? random, bool members = false)
    {
        var theirs = new Utf8JsonReader(json, s_options);
        var ours = new JsonTokenReader(json);
        // The open containers as our tokens give them (true for an object): inside an object, at a member, the read path's
        // object loops step with ReadMemberName and ReadMemberValue, which must give what Read gives from there.
        var open = new Stack<bool>();
        for (int token = 0; token < 100_000; token++)
        {
            // Skip has children to skip only from a name or an opening brace or bracket (elsewhere it does nothing).
            bool skip = skipEvery > 0 && token > 0 && token % skipEvery == 0 && (random is null || random.Next(2) == 0)
                && theirs.TokenType is JsonTokenType.PropertyName or JsonTokenType.StartObject or JsonTokenType.StartArray;
            string? theirFailure = null, ourFailure = null;
            bool theirRead = false, ourRead = false;
            JsonTokenType before = ours.TokenType;
            try
            {
                if (skip)
                {
                    theirs.Skip();
                    theirRead = true;
                }
                else
                {
                    theirRead = theirs.Read();
                }
            }
            catch (JsonException ex)
            {
                theirFailure = ex.Message;
            }

            try
            {
                if (skip)
                {
                    ours.Skip();
                    ourRead = true;
                }
                else if (members && open.Count > 0 && open.Peek() && ours.TokenType == JsonTokenType.PropertyName)
                {
                    ours.ReadMemberValue();
                    ourRead = true;
                }
                else if (members && open.Count > 0 && open.Peek())
                {
                    // Inside an object a token always follows (or the text is refused): true on a name, false on the brace.
                    ourRead = true;
                    if (ours.ReadMemberName() != (ours.TokenType == JsonTokenType.PropertyName))
                    {
                        return $"read {token}: ReadMemberName's answer does not match its token {ours.TokenType}";
                    }
                }
                else if (members && open.Count > 0)
                {
                    // Inside an array, the same: true on an item, false on the bracket.
                    ourRead = true;
                    if (ours.ReadArrayItem() != (ours.TokenType != JsonTokenType.EndArray))
                    {
                        return $"read {token}: ReadArrayItem's answer does not match its token {ours.TokenType}";
                    }
                }
                else
                {
                    ourRead = ours.Read();
                }
            }
            catch (JsonException ex)
            {
                ourFailure = ex.Message;
            }

            if (ourFailure is null && skip)
            {
                // A skip from a brace or bracket ends on its match; from a name, past its value.
                if (before is JsonTokenType.StartObject or JsonTokenType.StartArray)
                {
                    open.Pop();
                }
            }
            else if (ourFailure is null && ourRead)
            {
                switch (ours.TokenType)
                {
                    case JsonTokenType.StartObject:
                        open.Push(true);
                        break;
                    case JsonTokenType.StartArray:
                        open.Push(false);
                        break;
                    case JsonTokenType.EndObject:
                    case JsonTokenType.EndArray:
                        open.Pop();
                        break;
                }
            }

            string step = (skip ? "skip" : "read") + " " + token;
            if ((theirFailure is null) != (ourFailure is null))
            {
                return $"{step}: Utf8JsonReader {theirFailure ?? "read " + theirs.TokenType}, ours {ourFailure ?? "read " + ours.TokenType}";
            }

            if (theirFailure != null)
            {
                return null;
            }

            if (theirRead != ourRead)
            {
                return $"{step}: Utf8JsonReader read {theirRead}, ours {ourRead}";
            }

            if (!theirRead)
            {
                return ours.BytesConsumed == theirs.BytesConsumed ? null : $"end: consumed {theirs.BytesConsumed} against {ours.BytesConsumed}";
            }

            string? differs = Differs(ref theirs, ref ours);
            if (differs != null)
            {
                return step + ": " + differs;
            }
        }

        return "did not end";
    }

    private static string? Differs(ref Utf8JsonReader theirs, ref JsonTokenReader ours)
    {
        if (theirs.TokenType != ours.TokenType || theirs.TokenStartIndex != ours.TokenStartIndex || theirs.BytesConsumed != ours.BytesConsumed
            || theirs.CurrentDepth != ours.CurrentDepth || theirs.ValueIsEscaped != ours.ValueIsEscaped || !theirs.ValueSpan.SequenceEqual(ours.ValueSpan))
        {
            return $"Utf8JsonReader {theirs.TokenType} at {theirs.TokenStartIndex}..{theirs.BytesConsumed} depth {theirs.CurrentDepth} escaped {theirs.ValueIsEscaped} '{Encoding.UTF8.GetString(theirs.ValueSpan.ToArray())}', "
                + $"ours {ours.TokenType} at {ours.TokenStartIndex}..{ours.BytesConsumed} depth {ours.CurrentDepth} escaped {ours.ValueIsEscaped} '{Encoding.UTF8.GetString(ours.ValueSpan.ToArray())}'";
        }

        switch (theirs.TokenType)
        {
            case JsonTokenType.Number:
                bool theirInt = theirs.TryGetInt64(out long theirLong);
                bool ourInt = ours.TryGetInt64(out long ourLong);
                bool theirDouble = theirs.TryGetDouble(out double theirDoubleValue);
                bool ourDouble = ours.TryGetDouble(out double ourDoubleValue);
                bool theirDecimal = theirs.TryGetDecimal(out decimal theirDecimalValue);
                bool ourDecimal = ours.TryGetDecimal(out decimal ourDecimalValue);
                if (theirInt != ourInt || theirLong != ourLong || theirDouble != ourDouble || !theirDoubleValue.Equals(ourDoubleValue)
                    || theirDecimal != ourDecimal || theirDecimalValue != ourDecimalValue)
                {
                    return "the number's values differ";
                }

                break;
            case JsonTokenType.String:
            case JsonTokenType.PropertyName:
                string theirText = Outcome(ref theirs);
                string ourText = Outcome(ref ours);
                if (theirText != ourText)
                {
                    return $"the text differs: Utf8JsonReader {theirText}, ours {ourText}";
                }

                break;
        }

        return null;
    }

    private static string Outcome(ref Utf8JsonReader r)
    {
        string text;
        try
        {
            text = "'" + r.GetString() + "'";
        }
        catch (InvalidOperationException ex)
        {
            text = ex.GetType().Name;
        }

        try
        {
            return text + " equals-error " + r.ValueTextEquals("error"u8);
        }
        catch (InvalidOperationException ex)
        {
            return text + " equals-error " + ex.GetType().Name;
        }
    }

    private static string Outcome(ref JsonTokenReader r)
    {
        string text;
        try
        {
            text = "'" + r.GetString() + "'";
        }
        catch (InvalidOperationException ex)
        {
            text = ex.GetType().Name;
        }

        try
        {
            return text + " equals-error " + r.ValueTextEquals("error"u8);
        }
        catch (InvalidOperationException ex)
        {
            return text + " equals-error " + ex.GetType().Name;
        }
    }

    private static string Show(byte[] bytes)
    {
        string text = string.Concat(bytes.Take(200).Select(b => b is >= 0x20 and < 0x7F ? ((char)b).ToString() : "\\x" + b.ToString("X2")));
        return bytes.Length > 200 ? text + "…" : text;
    }
}
