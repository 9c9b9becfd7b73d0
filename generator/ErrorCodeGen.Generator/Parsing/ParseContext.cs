using System.Collections.Generic;
using System.Threading;
using ErrorCodeGen.Generator.Model;
using Microsoft.CodeAnalysis;

namespace ErrorCodeGen.Generator.Parsing
{
    /// <summary>The diagnostics of one catalog parse, each at the YAML node it is about.</summary>
    internal sealed class ParseContext
    {
        public ParseContext(string path, int bomOffset = 0, CancellationToken cancellationToken = default)
        {
            Path = path;
            BomOffset = bomOffset;
            CancellationToken = cancellationToken;
        }

        /// <summary>Cancels the parse; passed on to the YAML tree builder and the Markdown renderer.</summary>
        public CancellationToken CancellationToken { get; }

        public string Path { get; }

        /// <summary>1 when the text began with U+FEFF, which is removed before parsing; positions are shifted back.</summary>
        public int BomOffset { get; }

        public List<DiagnosticInfo> Diagnostics { get; } = new List<DiagnosticInfo>();

        public bool HasErrors { get; private set; }

        public void Report(DiagnosticDescriptor descriptor, YamlNodeBase at, params object?[] args)
            => Report(descriptor, LocationOf(at), args);

        public LocationInfo LocationOf(YamlNodeBase node) => node.Location(Path, BomOffset);

        public void Report(DiagnosticDescriptor descriptor, LocationInfo location, params object?[] args)
        {
            Diagnostics.Add(DiagnosticInfo.Create(descriptor, location, args));
            HasErrors |= descriptor.DefaultSeverity == DiagnosticSeverity.Error;
        }
    }
}
