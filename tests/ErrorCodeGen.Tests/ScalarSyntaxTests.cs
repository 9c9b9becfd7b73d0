using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using System.Text;
using System.Text.RegularExpressions;
using ErrorCodeGen.Generator.Parsing;
using NUnit.Framework;

namespace ErrorCodeGen.Tests;

/// <summary>
/// <see cref="ScalarSyntax"/> answers exactly as the regular expressions it replaced, over strings built from the
/// characters that matter to them; and the parser builds no regular expression at all.
/// </summary>
public class ScalarSyntaxTests
{
    private static readonly Regex s_integer = new("^[+-]?[0-9]+$", RegexOptions.CultureInvariant);
    private static readonly Regex s_integerCode = new("^-?[0-9]+$", RegexOptions.CultureInvariant);
    private static readonly Regex s_duration = new("^\\s*(?<n>[0-9]+(?:\\.[0-9]+)?)\\s*(?<u>ms|s|sec|m|min|h)?\\s*$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase);
    private static readonly Regex s_scheme = new("^[A-Za-z][A-Za-z0-9+.-]*:", RegexOptions.CultureInvariant);

    private static IEnumerable<string> Corpus()
    {
        string[] fixedCases =
        {
            "", "0", "12", "+12", "-12", "--1", "+", "-", "1-", "١٢", "12\n", " 12", "5s", "5 s", "5sec", "5 min", "5m", "1h", "500ms", "500MS", "5Sec",
            "5ſ", "5mſ", "1.5s", "1.s", ".5s", "5.5.5", "5ms5", "5 5", "\t5s\n", "5\u00A0s", "5\u2028", "1e3", "5 hours", "https://x", "mailto:a@b",
            "/path", "a:b", "a+b.c-d:x", "1a:", "a b:", "ab", ":",
        };
        foreach (string s in fixedCases)
        {
            yield return s;
        }

        var random = new Random(20261201);
        const string Alphabet = "0123456789+-.: \t\nmsechinMSECHINſ\u0130\u0131\u212AaZ/\u00A0";
        for (int n = 0; n < 20_000; n++)
        {
            var sb = new StringBuilder();
            int length = random.Next(0, 9);
            for (int i = 0; i < length; i++)
            {
                sb.Append(Alphabet[random.Next(Alphabet.Length)]);
            }

            yield return sb.ToString();
        }
    }

    [Test]
    public void Matches_exactly_what_the_regular_expressions_matched()
    {
        foreach (string s in Corpus())
        {
            // The parser trims before the integer checks (and refuses padded codes), as it did with the regexes.
            string trimmed = s.Trim();
            Assert.That(ScalarSyntax.IsInteger(trimmed, allowPlus: true), Is.EqualTo(s_integer.IsMatch(trimmed)), "integer: " + Show(trimmed));
            Assert.That(ScalarSyntax.IsInteger(trimmed, allowPlus: false), Is.EqualTo(s_integerCode.IsMatch(trimmed)), "code: " + Show(trimmed));
            Match m = s_duration.Match(s);
            bool matched = ScalarSyntax.TryMatchDuration(s, out string number, out string? unit);
            Assert.That(matched, Is.EqualTo(m.Success), "duration: " + Show(s));
            if (matched)
            {
                Assert.That(number, Is.EqualTo(m.Groups["n"].Value), "number: " + Show(s));
                Assert.That(unit, Is.EqualTo(m.Groups["u"].Success ? m.Groups["u"].Value : null), "unit: " + Show(s));
            }

            if (s.Length > 0)
            {
                Assert.That(ScalarSyntax.HasUriScheme(s), Is.EqualTo(s_scheme.IsMatch(s)), "scheme: " + Show(s));
            }
        }
    }

    [Test]
    public void The_parser_and_renderer_hold_no_regular_expression_but_the_HTML_ones_built_on_first_use()
    {
        // A Regex in a static field is constructed when its type is first used, in every compiler process.
        Assembly generator = typeof(CatalogParser).Assembly;
        var fields = generator.GetTypes()
            .SelectMany(t => t.GetFields(BindingFlags.Static | BindingFlags.NonPublic | BindingFlags.Public))
            .Where(f => f.FieldType == typeof(Regex))
            .Select(f => f.DeclaringType!.Name + "." + f.Name)
            .ToList();
        Assert.That(fields, Is.EquivalentTo(new[] { "Html.Attribute", "Html.Tag" }));
    }

    private static string Show(string s) => "\"" + string.Concat(s.Select(c => c < ' ' || c > '~' ? "\\u" + ((int)c).ToString("X4") : c.ToString())) + "\"";
}
