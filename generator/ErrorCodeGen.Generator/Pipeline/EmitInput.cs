using System;
using System.Collections.Generic;
using ErrorCodeGen.Generator.Diagnostics;
using ErrorCodeGen.Generator.Emitting;
using ErrorCodeGen.Generator.Model;
using ErrorCodeGen.Generator.Parsing;

namespace ErrorCodeGen.Generator.Pipeline
{
    /// <summary>
    /// Everything one catalog's emission depends on. <see cref="Diagnostics"/> are reported by their own output; when
    /// there are any (an invalid option, the runtime missing), or the catalog is skipped, nothing is emitted.
    /// </summary>
    internal sealed record EmitInput(CatalogModel? Model, EmitOptions Options, bool Skipped, EquatableArray<DiagnosticInfo> Diagnostics)
    {
        /// <summary>Whether to emit source: a model, not skipped, and nothing to complain about.</summary>
        public bool ShouldEmit => Model != null && !Skipped && Diagnostics.IsEmpty;

        public static EmitInput Create(CatalogParseResult result, GeneratorOptions options, CompilationFacts facts, EquatableArray<string> skippedPaths)
        {
            CatalogModel? model = result.Model;
            var problems = new List<DiagnosticInfo>();
            LocationInfo at = LocationInfo.StartOfFile(result.FilePath);
            string catalogName = model?.Provider.Name ?? result.FilePath;

            // Namespace: the file's item metadata, else the project's ErrorCodeGenNamespace, else the catalog's
            // provider.namespace, else the project's RootNamespace (else the global namespace).
            string? ns = null;
            string? nsSource = null;
            if (result.NamespaceOverride != null)
            {
                (ns, nsSource) = (result.NamespaceOverride, "Item metadata ErrorCodeGenNamespace");
            }
            else if (options.Namespace != null)
            {
                (ns, nsSource) = (options.Namespace, "Property ErrorCodeGenNamespace");
            }
            else if (model?.Provider.Namespace != null)
            {
                ns = model.Provider.Namespace;
            }
            else if (options.RootNamespace != null)
            {
                // Not set for us: the SDK derives it from the project name (my-app), so make it valid (my_app)
                // the way Visual Studio's templates do, rather than fail a build the user configured nothing for.
                (ns, nsSource) = (IdentifierFactory.SanitizeNamespace(options.RootNamespace), "Property RootNamespace");
            }

            if (ns != null && nsSource != null && !IdentifierFactory.IsValidNamespace(ns))
            {
                problems.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidOption, at, nsSource, ns, catalogName, "use dot-separated C# identifiers, such as Contoso.Sdk.Errors"));
            }

            string? requested = result.AccessibilityOverride ?? options.Accessibility;
            string accessibility = "public";
            if (requested != null)
            {
                if (string.Equals(requested, "internal", StringComparison.OrdinalIgnoreCase))
                {
                    accessibility = "internal";
                }
                else if (!string.Equals(requested, "public", StringComparison.OrdinalIgnoreCase))
                {
                    string source = result.AccessibilityOverride != null ? "Item metadata ErrorCodeGenAccessibility" : "Property ErrorCodeGenAccessibility";
                    problems.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidOption, at, source, requested, catalogName, "use public or internal"));
                }
            }

            bool skipped = skippedPaths.Contains(result.FilePath);
            if (model != null && problems.Count == 0 && !facts.HasRuntime)
            {
                problems.Add(DiagnosticInfo.Create(DiagnosticDescriptors.RuntimeMissing, at, model.Provider.Name));
            }

            return new EmitInput(
                model,
                new EmitOptions(ns, accessibility, facts.SupportsNullableAnnotations, ErrorCodeGenerator.Version),
                skipped,
                model is null || skipped ? EquatableArray<DiagnosticInfo>.Empty : problems.ToEquatableArray());
        }
    }
}
