using System.Collections.Generic;
using Microsoft.CodeAnalysis;

namespace ErrorCodeGen.Generator.Diagnostics
{
    /// <summary>Every diagnostic the generator reports. IDs are stable; see docs/diagnostics.md.</summary>
    internal static class DiagnosticDescriptors
    {
        private const string Category = "ErrorCodeGen";
        private const string HelpBase = "https://github.com/errorcodegen/errorcodegen/blob/main/docs/diagnostics.md#";

        public static readonly DiagnosticDescriptor YamlSyntax = Error(
            "ECG0001", "Catalog is not valid YAML", "Catalog YAML syntax error: {0}");

        public static readonly DiagnosticDescriptor UnsupportedSchema = Error(
            "ECG0002", "Unsupported catalog schema", "Unsupported catalog schema '{0}': a catalog declares 'schema: errorcodegen/v1'");

        public static readonly DiagnosticDescriptor MissingField = Error(
            "ECG0003", "Required catalog field is missing", "{0} is missing the required field '{1}'");

        public static readonly DiagnosticDescriptor WrongType = Error(
            "ECG0004", "Catalog field has the wrong type", "'{0}' must be {1}, but is '{2}'");

        public static readonly DiagnosticDescriptor HttpStatusOutOfRange = Error(
            "ECG0005", "HTTP status out of range", "HTTP status {0} is out of range: use a status from 100 to 599");

        public static readonly DiagnosticDescriptor DuplicateCode = Error(
            "ECG0006", "Duplicate error code", "Code '{0}' is already defined at line {1}: each code may appear once (list every phase of a code under one entry's 'phases')");

        public static readonly DiagnosticDescriptor IdentifierCollision = Error(
            "ECG0007", "Generated C# names collide", "Code '{0}' would be named '{1}', which is already used by {2}: add 'identifier: <UniqueName>' to one of them");

        public static readonly DiagnosticDescriptor InvalidIdentifier = Error(
            "ECG0008", "Invalid C# identifier", "'{0}' is not a valid C# {1}: {2}");

        public static readonly DiagnosticDescriptor UnknownExceptionGroup = Error(
            "ECG0009", "Unknown exception group", "Exception group '{0}' is not declared under 'exceptions:' (declared: {1})");

        public static readonly DiagnosticDescriptor DuplicateProvider = Error(
            "ECG0010", "Two catalogs declare the same provider", "Provider '{0}' is also declared by '{1}': provider names must be unique in a project, ignoring case (this catalog is skipped)");

        public static readonly DiagnosticDescriptor UnknownKey = Warning(
            "ECG0011", "Unknown catalog key", "Unknown key '{0}' in {1} is ignored{2}");

        public static readonly DiagnosticDescriptor EmptyCatalog = Warning(
            "ECG0012", "Catalog defines nothing", "Catalog '{0}' defines no errors and no statuses");

        public static readonly DiagnosticDescriptor InvalidValue = Error(
            "ECG0013", "Invalid catalog value", "'{0}' is not a valid value for '{1}': {2}");

        public static readonly DiagnosticDescriptor DuplicateKey = Error(
            "ECG0014", "Duplicate key", "Key '{0}' appears twice in the same mapping (first at line {1})");

        public static readonly DiagnosticDescriptor AliasNotSupported = Error(
            "ECG0015", "YAML aliases are not supported", "YAML aliases (*{0}) are not supported in catalogs: write the value out");

        public static readonly DiagnosticDescriptor CatalogTooLarge = Error(
            "ECG0016", "Catalog exceeds a limit", "Catalog exceeds a limit: {0}");

        public static readonly DiagnosticDescriptor RuntimeMissing = Error(
            "ECG0017", "ErrorCodeGen.Runtime is not referenced", "Catalog '{0}' needs the ErrorCodeGen.Runtime library: reference the ErrorCodeGen.Runtime package (or the runtime project) so the generated code can compile");

        public static readonly DiagnosticDescriptor InconsistentRetry = Warning(
            "ECG0018", "Inconsistent retry settings", "{0}");

        public static readonly DiagnosticDescriptor DuplicateStatus = Error(
            "ECG0019", "Duplicate status rule", "HTTP status {0} already has a rule at line {1}");

        public static readonly DiagnosticDescriptor DuplicateExceptionGroup = Error(
            "ECG0020", "Duplicate exception group", "Exception group '{0}' is declared twice (first at line {1})");

        public static readonly DiagnosticDescriptor NotUtf8 = Warning(
            "ECG0021", "Catalog is probably not UTF-8", "The catalog contains {0} replacement character(s) (U+FFFD) from line {1}: save the file as UTF-8 so no text is lost");

        public static readonly DiagnosticDescriptor InvalidOption = Error(
            "ECG0022", "Invalid ErrorCodeGen MSBuild setting", "{0} '{1}' is not valid for catalog '{2}': {3}");

        // Error shapes (provider.format json/problem with provider.shape), numbered from 30 to leave room beside them.
        public static readonly DiagnosticDescriptor InvalidShapePointer = Error(
            "ECG0030", "Shape pointer is not an RFC 6901 JSON Pointer", "provider.shape {0}: {1}");

        public static readonly DiagnosticDescriptor UnknownShapeKey = Error(
            "ECG0031", "Unknown shape key", "Unknown key '{0}' in provider.shape{1}: the keys are {2}");

        public static readonly DiagnosticDescriptor ShapeKeyMissing = Error(
            "ECG0032", "Shape is missing a required key", "provider.shape is missing '{0}': {1}");

        public static readonly DiagnosticDescriptor ShapeNotAllowed = Error(
            "ECG0033", "Shape setting does not fit the format", "'{0}' cannot be used with format '{1}': {2}");

        public static readonly DiagnosticDescriptor ShapeRequired = Error(
            "ECG0034", "Format json needs a shape", "format json reads the body where provider.shape says: add shape: with at least error and code (such as error: /error and code: /code), or use a built-in format ({0})");

        public static readonly DiagnosticDescriptor ShapeConflict = Error(
            "ECG0035", "Shape pointers contradict each other", "provider.shape cannot be read: {0}");

        public static readonly DiagnosticDescriptor TypeNameCollision = Error(
            "ECG0023", "Generated type names collide across catalogs", "Catalog '{0}' would generate the type '{1}', which '{2}' also generates: rename the provider or the exception group (this catalog is skipped)");

        public static readonly DiagnosticDescriptor StatusRangeOverlap = Error(
            "ECG0036", "Status ranges of equal width overlap", "Status range {0} overlaps the range {1} at line {2}, which is as wide: neither is narrower, so which rule a status in both gets is not defined; make one narrower, or make them not overlap");

        public static readonly DiagnosticDescriptor DuplicateFamily = Error(
            "ECG0040", "Duplicate code family", "Code family '{0}' is declared twice (first at line {1})");

        public static readonly DiagnosticDescriptor AmbiguousFamilyPattern = Warning(
            "ECG0041", "Code family pattern can never match", "The {0} '{1}' of family '{2}' can never decide: every code it matches is matched first by the {3} '{4}' of family '{5}', declared before it (families are tried in order); remove it or declare '{2}' first");

        // Every descriptor above, once: DiagnosticInfo finds its descriptor here by ID. DiagnosticCatalogTests proves by
        // reflection that no descriptor field is missing, so a new descriptor cannot be reported without being listed.
        private static readonly Dictionary<string, DiagnosticDescriptor> s_byId = Index(
            YamlSyntax, UnsupportedSchema, MissingField, WrongType, HttpStatusOutOfRange, DuplicateCode,
            IdentifierCollision, InvalidIdentifier, UnknownExceptionGroup, DuplicateProvider, UnknownKey,
            EmptyCatalog, InvalidValue, DuplicateKey, AliasNotSupported, CatalogTooLarge, RuntimeMissing,
            InconsistentRetry, DuplicateStatus, DuplicateExceptionGroup, NotUtf8, InvalidOption, TypeNameCollision,
            InvalidShapePointer, UnknownShapeKey, ShapeKeyMissing, ShapeNotAllowed, ShapeRequired, ShapeConflict,
            StatusRangeOverlap, DuplicateFamily, AmbiguousFamilyPattern);

        public static IEnumerable<DiagnosticDescriptor> All => s_byId.Values;

        public static DiagnosticDescriptor Get(string id) => s_byId[id];

        /// <summary>Errors cannot be silenced with NoWarn: a catalog with an error generates nothing, and that must not go unnoticed.</summary>
        private static DiagnosticDescriptor Error(string id, string title, string message)
            => new DiagnosticDescriptor(id, title, message, Category, DiagnosticSeverity.Error, isEnabledByDefault: true, helpLinkUri: HelpBase + id.ToLowerInvariant(), customTags: WellKnownDiagnosticTags.NotConfigurable);

        private static DiagnosticDescriptor Warning(string id, string title, string message)
            => new DiagnosticDescriptor(id, title, message, Category, DiagnosticSeverity.Warning, isEnabledByDefault: true, helpLinkUri: HelpBase + id.ToLowerInvariant());

        private static Dictionary<string, DiagnosticDescriptor> Index(params DiagnosticDescriptor[] descriptors)
        {
            var map = new Dictionary<string, DiagnosticDescriptor>();
            foreach (DiagnosticDescriptor d in descriptors)
            {
                map.Add(d.Id, d);
            }

            return map;
        }
    }
}
