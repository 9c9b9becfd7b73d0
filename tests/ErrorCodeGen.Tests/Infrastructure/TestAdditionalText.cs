using System.Collections.Generic;
using System.Collections.Immutable;
using System.Text;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace ErrorCodeGen.Tests.Infrastructure;

/// <summary>An AdditionalFile held in memory.</summary>
internal sealed class TestAdditionalText : AdditionalText
{
    private readonly SourceText? _text;

    public TestAdditionalText(string path, string? text)
    {
        Path = path;
        _text = text is null ? null : SourceText.From(text, Encoding.UTF8);
    }

    public override string Path { get; }

    public override SourceText? GetText(CancellationToken cancellationToken = default) => _text;
}

/// <summary>MSBuild properties (<c>build_property.*</c>) and per-file metadata, as the SDK passes them to analyzers.</summary>
internal sealed class TestOptionsProvider : AnalyzerConfigOptionsProvider
{
    private readonly TestOptions _global;
    private readonly Dictionary<string, TestOptions> _perFile;

    public TestOptionsProvider(IDictionary<string, string>? global = null, IDictionary<string, IDictionary<string, string>>? perFile = null)
    {
        _global = new TestOptions(global ?? new Dictionary<string, string>());
        _perFile = new Dictionary<string, TestOptions>();
        if (perFile != null)
        {
            foreach (var entry in perFile)
            {
                _perFile[entry.Key] = new TestOptions(entry.Value);
            }
        }
    }

    public override AnalyzerConfigOptions GlobalOptions => _global;

    public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => TestOptions.Empty;

    public override AnalyzerConfigOptions GetOptions(AdditionalText textFile)
        => _perFile.TryGetValue(textFile.Path, out TestOptions? options) ? options : TestOptions.Empty;

    private sealed class TestOptions : AnalyzerConfigOptions
    {
        public static readonly TestOptions Empty = new(new Dictionary<string, string>());

        private readonly ImmutableDictionary<string, string> _values;

        public TestOptions(IDictionary<string, string> values)
            => _values = values.ToImmutableDictionary(KeyComparer);

        public override bool TryGetValue(string key, out string value)
        {
            if (_values.TryGetValue(key, out string? found))
            {
                value = found;
                return true;
            }

            value = null!;
            return false;
        }
    }
}
