using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using ErrorCodeGen.Generator.Diagnostics;
using ErrorCodeGen.Generator.Model;

namespace ErrorCodeGen.Generator.Pipeline
{
    /// <summary>One catalog's claim to a provider name and the type names it generates, for the cross-catalog check.</summary>
    internal sealed record ProviderClaim(string FilePath, string? ProviderName, LocationInfo? NameLocation, EquatableArray<string> TypeNames)
    {
        public static ProviderClaim From(CatalogParseResult result)
        {
            CatalogModel? model = result.Model;
            if (model is null)
            {
                return new ProviderClaim(result.FilePath, null, result.ProviderNameLocation, EquatableArray<string>.Empty);
            }

            GeneratedTypeNames names = model.TypeNames;
            var types = new List<string> { names.ErrorCode, names.Errors, names.Exception };
            foreach (ExceptionGroupModel group in model.ExceptionGroups)
            {
                types.Add(group.ClassName);
            }

            return new ProviderClaim(result.FilePath, names.Provider, result.ProviderNameLocation, types.ToEquatableArray());
        }
    }

    /// <summary>
    /// The catalogs skipped because an earlier one (by path) declares the same provider (ignoring case: hint names
    /// are file names) or would generate a type of the same name.
    /// </summary>
    internal sealed record ProviderCheck(EquatableArray<string> SkippedPaths, EquatableArray<DiagnosticInfo> Diagnostics)
    {
        public static ProviderCheck From(ImmutableArray<ProviderClaim> claims)
        {
            var ordered = new List<ProviderClaim>(claims);
            ordered.Sort(static (a, b) => string.CompareOrdinal(a.FilePath, b.FilePath));
            var providers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            var types = new Dictionary<string, string>(StringComparer.Ordinal);
            var skipped = new List<string>();
            var diagnostics = new List<DiagnosticInfo>();
            foreach (ProviderClaim claim in ordered)
            {
                if (claim.ProviderName is null)
                {
                    continue;
                }

                LocationInfo at = claim.NameLocation ?? LocationInfo.StartOfFile(claim.FilePath);
                if (providers.TryGetValue(claim.ProviderName, out string? owner))
                {
                    skipped.Add(claim.FilePath);
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.DuplicateProvider, at, claim.ProviderName, owner));
                    continue;
                }

                string? clash = null;
                foreach (string type in claim.TypeNames)
                {
                    if (types.TryGetValue(type, out string? other))
                    {
                        clash = type;
                        skipped.Add(claim.FilePath);
                        diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.TypeNameCollision, at, claim.ProviderName, type, other));
                        break;
                    }
                }

                if (clash != null)
                {
                    continue;
                }

                providers.Add(claim.ProviderName, claim.FilePath);
                foreach (string type in claim.TypeNames)
                {
                    types[type] = claim.FilePath;
                }
            }

            return new ProviderCheck(skipped.ToEquatableArray(), diagnostics.ToEquatableArray());
        }
    }
}
