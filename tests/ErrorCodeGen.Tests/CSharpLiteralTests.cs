using System;
using System.IO;
using System.Linq;
using System.Reflection;
using ErrorCodeGen.Generator.Emitting;
using ErrorCodeGen.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using NUnit.Framework;

namespace ErrorCodeGen.Tests;

public class CSharpLiteralTests
{
    private static readonly string[] s_hostile =
    {
        string.Empty,
        "plain",
        "quote \" backslash \\ tab \t newline \n return \r",
        "nul \0 bell \a del \u007f",
        "line\u2028separator\u2029paragraph\u0085next",
        "lone \uD800 high and \uDC00 low",
        "emoji 🚀 and BOM \uFEFF",
        "*/ /* </summary> ]]> {0} #error \"\"\"raw\"\"\"",
        "\\u0041 is not A",
    };

    [Test]
    public void Literals_compile_back_to_the_same_string_at_CSharp_7_3()
    {
        string source = "/// <summary>S</summary>\npublic static class Strings { /// <summary>V</summary>\npublic static readonly string[] Values = { "
            + string.Join(", ", s_hostile.Select(CSharpLiteral.String)) + " }; }";
        var compilation = GeneratorHarness.CreateCompilation(new[] { source }, LanguageVersion.CSharp7_3);

        using var stream = new MemoryStream();
        var emit = compilation.Emit(stream);
        Assert.That(emit.Success, Is.True, GeneratorHarness.Describe(emit.Diagnostics));

        Assembly assembly = Assembly.Load(stream.ToArray());
        var values = (string[])assembly.GetType("Strings")!.GetField("Values")!.GetValue(null)!;
        Assert.That(values, Is.EqualTo(s_hostile));
    }

    [Test]
    public void Null_is_the_null_literal() => Assert.That(CSharpLiteral.String(null), Is.EqualTo("null"));

    [Test]
    public void Line_separators_never_appear_raw()
    {
        string literal = CSharpLiteral.String("a\u2028b\u2029c\u0085d\ne");
        Assert.That(literal.IndexOfAny(new[] { '\u2028', '\u2029', '\u0085', '\n', '\r' }), Is.EqualTo(-1));
    }
}
