using System.Collections.Generic;
using ErrorCodeGen.Generator.Model;
using Microsoft.CodeAnalysis;

namespace ErrorCodeGen.Generator.Parsing
{
    /// <summary>The diagnostics of one catalog parse, each at the YAML node it is about.</summary>
    internal sealed class ParseContext
    {
        public ParseContext(string path) => Path = path;

        public string Path { get; }

        public List<DiagnosticInfo> Diagnostics { get; } = new List<DiagnosticInfo>();

        public bool HasErrors { get; private set; }

        public void Report(DiagnosticDescriptor descriptor, YamlNodeBase at, params object?[] args)
            => Report(descriptor, at.Location(Path), args);

        public void Report(DiagnosticDescriptor descriptor, LocationInfo location, params object?[] args)
        {
            Diagnostics.Add(DiagnosticInfo.Create(descriptor, location, args));
            HasErrors |= descriptor.DefaultSeverity == DiagnosticSeverity.Error;
        }
    }
}
