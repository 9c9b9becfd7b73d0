using System;
using System.Linq;
using System.Text.Json;
using ErrorCodeGen;
using FsCheck;
using FsCheck.Fluent;

namespace ErrorCodeGen.Runtime.Tests;

/// <summary>What the reader's property tests share: random JSON, long hostile strings, and the duplicate-key property.</summary>
internal static class JsonGenerators
{
    /// <summary>
    /// Random JSON values nested up to <paramref name="depth"/> levels: strings made of <paramref name="words"/> (a hostile
    /// alphabet), the <paramref name="scalars"/>, arrays, and objects whose keys are <paramref name="keys"/>.
    /// </summary>
    public static Gen<string> Value(int depth, string[] words, string[] scalars, string[] keys)
    {
        Gen<string> text = Gen.Elements(words).ListOf().Select(parts => JsonSerializer.Serialize(string.Concat(parts)));
        Gen<string> scalar = Gen.OneOf(text, Gen.Elements(scalars));
        if (depth == 0)
        {
            return scalar;
        }

        Gen<string> array = Value(depth - 1, words, scalars, keys).ListOf().Select(items => "[" + string.Join(",", items) + "]");
        Gen<string> obj = Gen.Zip(Gen.Elements(keys), Value(depth - 1, words, scalars, keys))
            .ListOf().Select(pairs => "{" + string.Join(",", pairs.Select(p => JsonSerializer.Serialize(p.Item1) + ":" + p.Item2)) + "}");
        return Gen.Frequency((3, scalar), (1, array), (1, obj));
    }

    /// <summary>A JSON string of one of <paramref name="pieces"/> (JSON string content, escapes allowed) repeated up to <paramref name="maxRepeat"/> times.</summary>
    public static Gen<string> LongText(string[] pieces, int maxRepeat)
        => Gen.Zip(Gen.Elements(pieces), Gen.Choose(0, maxRepeat))
            .Select(p => JsonSerializer.Serialize(string.Concat(Enumerable.Repeat(JsonSerializer.Deserialize<string>("\"" + p.Item1 + "\"")!, p.Item2))));

    /// <summary>
    /// A key of a case, repeated one to three times with any <paramref name="value"/> before the case's own members
    /// (<paramref name="read"/> puts the text it is given where the case's template says <c>{DUP}</c>), changes nothing
    /// that is read: the first occurrence wins.
    /// </summary>
    public static void DuplicateKeysChangeNothing(Gen<string> value, int cases, Func<int, string[]> keysOf, Func<int, string, ErrorResponse> read)
    {
        Gen<(int Case, int Key, string Value, int Copies)> generated =
            from c in Gen.Choose(0, cases - 1)
            from key in Gen.Choose(0, 5)
            from v in value
            from copies in Gen.Choose(1, 3)
            select (c, key, v, copies);

        Prop.ForAll(generated.ToArbitrary(), c =>
        {
            string[] keys = keysOf(c.Case);
            string key = keys[c.Key % keys.Length];
            string duplicates = string.Concat(Enumerable.Repeat(JsonSerializer.Serialize(key) + ":" + c.Value + ",", c.Copies));
            return ReaderHardeningTests.Describe(read(c.Case, duplicates)) == ReaderHardeningTests.Describe(read(c.Case, string.Empty));
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(1500));
    }
}
