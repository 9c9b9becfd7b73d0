using System.Linq;
using System.Text;
using ErrorCodeGen.Generator.Emitting;
using ErrorCodeGen.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using NUnit.Framework;

namespace ErrorCodeGen.Tests;

/// <summary>
/// The text the generator hands to <c>AddSource</c> (<see cref="SourceWriter.ToSourceText"/>): the characters the writer
/// wrote, in UTF-8, with the checksum of the same text made from one string (the PDB records it), and for a file past the
/// large-object heap's 40,000 characters not one string of it, so that a large catalog's build does not put each file on
/// the large-object heap twice (the writer's buffer, then the string) and collect every generation for it.
/// </summary>
public class SourceWriterTextTests
{
    [TestCase(0)]
    [TestCase(1)]
    [TestCase(39_000)]
    [TestCase(40_960)]
    [TestCase(250_003)]
    public void The_text_is_what_was_written_with_the_same_checksum(int lines)
    {
        // Small buffers that grow into many chunks, and one sized for the whole file: both are read whole, in order.
        foreach (int capacity in new[] { 16, 8 * 1024 * 1024 })
        {
            var writer = new SourceWriter(capacity);
            for (int i = 0; i < lines; i++)
            {
                // A line of a few characters, some outside the Basic Multilingual Plane (a surrogate pair may fall on a
                // chunk's edge).
                writer.Line(i % 7 == 0 ? "// \U0001F600 " + i : "x" + i);
            }

            string expected = writer.ToString();
            SourceText text = writer.ToSourceText();
            Assert.That(text.ToString(), Is.EqualTo(expected), "capacity " + capacity);
            Assert.That(text.Length, Is.EqualTo(expected.Length));
            Assert.That(text.Encoding, Is.EqualTo(Encoding.UTF8));
            SourceText fromString = SourceText.From(expected, Encoding.UTF8);
            Assert.That(text.GetChecksum(), Is.EqualTo(fromString.GetChecksum()), "the checksum the PDB records");
            Assert.That(text.Lines.Count, Is.EqualTo(fromString.Lines.Count));
        }
    }

    [Test]
    public void A_large_generated_file_reaches_the_compiler_in_chunks_and_compiles()
    {
        var (result, output, diagnostics) = GeneratorHarness.Run(new[] { new TestAdditionalText("/r/large.errors.yaml", ErrorCodeGen.Testing.SyntheticCatalog.Yaml(300)) });
        Assert.That(diagnostics, Is.Empty, GeneratorHarness.Describe(diagnostics));
        Assert.That(output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error), Is.Empty);

        GeneratedSourceResult[] large = result.Results.Single().GeneratedSources.Where(s => s.SourceText.Length >= 40 * 1024).ToArray();
        Assert.That(large, Is.Not.Empty, "300 codes make files past 40,000 characters");
        foreach (GeneratedSourceResult source in large)
        {
            // Roslyn keeps a text read from a reader past 40,000 characters in chunks of its own; a text made from one
            // string is that string. This names Roslyn's own type, so a Roslyn that changed it would fail here: check
            // then that no string of the whole file is made.
            Assert.That(source.SourceText.GetType().Name, Is.Not.EqualTo("StringText"), source.HintName);
        }
    }
}
