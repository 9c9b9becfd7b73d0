using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using ErrorCodeGen.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using NUnit.Framework;

namespace ErrorCodeGen.Tests;

/// <summary>
/// The public surface of ErrorCodeGen.Runtime and of the code generated for a reference catalog, as approved text in
/// the repository: any change to it fails here until the approved file changes with it (set
/// <c>ECG_ACCEPT_SNAPSHOTS=1</c> to accept, never in CI). Read through Roslyn symbols, since the public-API analyzer
/// packages are not available to us. Each line is one type or member, with the attributes that matter to callers
/// (<c>EditorBrowsable</c>, <c>Obsolete</c>), in ordinal order.
/// </summary>
public class PublicApiTests
{
    private static readonly SymbolDisplayFormat s_format = new(
        globalNamespaceStyle: SymbolDisplayGlobalNamespaceStyle.Omitted,
        typeQualificationStyle: SymbolDisplayTypeQualificationStyle.NameAndContainingTypesAndNamespaces,
        genericsOptions: SymbolDisplayGenericsOptions.IncludeTypeParameters | SymbolDisplayGenericsOptions.IncludeTypeConstraints | SymbolDisplayGenericsOptions.IncludeVariance,
        memberOptions: SymbolDisplayMemberOptions.IncludeAccessibility | SymbolDisplayMemberOptions.IncludeModifiers | SymbolDisplayMemberOptions.IncludeType
            | SymbolDisplayMemberOptions.IncludeParameters | SymbolDisplayMemberOptions.IncludeExplicitInterface | SymbolDisplayMemberOptions.IncludeConstantValue
            | SymbolDisplayMemberOptions.IncludeRef | SymbolDisplayMemberOptions.IncludeContainingType,
        kindOptions: SymbolDisplayKindOptions.IncludeMemberKeyword | SymbolDisplayKindOptions.IncludeTypeKeyword,
        propertyStyle: SymbolDisplayPropertyStyle.ShowReadWriteDescriptor,
        parameterOptions: SymbolDisplayParameterOptions.IncludeParamsRefOut | SymbolDisplayParameterOptions.IncludeType | SymbolDisplayParameterOptions.IncludeName
            | SymbolDisplayParameterOptions.IncludeDefaultValue | SymbolDisplayParameterOptions.IncludeExtensionThis,
        miscellaneousOptions: SymbolDisplayMiscellaneousOptions.UseSpecialTypes | SymbolDisplayMiscellaneousOptions.IncludeNullableReferenceTypeModifier
            | SymbolDisplayMiscellaneousOptions.EscapeKeywordIdentifiers);

    private static readonly SymbolDisplayFormat s_typeName = s_format.WithKindOptions(SymbolDisplayKindOptions.None);

    [Test]
    public void Runtime_public_api_is_approved()
    {
        MetadataReference runtime = GeneratorHarness.References.Single(r => r.Display!.EndsWith("ErrorCodeGen.Runtime.dll", StringComparison.Ordinal));
        CSharpCompilation compilation = GeneratorHarness.CreateCompilation();
        var assembly = (IAssemblySymbol)compilation.GetAssemblyOrModuleSymbol(runtime)!;

        Snapshot.VerifyApproved(Surface(assembly), Path.Combine(RepoPaths.Root, "runtime", "ErrorCodeGen.Runtime", "PublicAPI.approved.txt"));
    }

    [Test]
    public void Generated_public_api_is_approved()
    {
        var (_, output, diagnostics) = GeneratorHarness.Run(new[] { new TestAdditionalText("/src/sample.errors.yaml", GeneratedSourceSnapshotTests.EverySchemaFeature) });
        Assert.That(diagnostics, Is.Empty, GeneratorHarness.Describe(diagnostics));

        Snapshot.VerifyApproved(Surface(output.Assembly), Path.Combine(RepoPaths.Root, "tests", "ErrorCodeGen.Tests", "PublicApi", "GeneratedCode.approved.txt"));
    }

    /// <summary>Each type (by full name) on a line, then its members indented, each sorted ordinally; attributes after the signature.</summary>
    private static string Surface(IAssemblySymbol assembly)
    {
        var sb = new StringBuilder();
        foreach (INamedTypeSymbol type in Types(assembly.GlobalNamespace).Where(IsVisible).OrderBy(t => t.ToDisplayString(s_format), StringComparer.Ordinal))
        {
            sb.Append(TypeLine(type)).Append(Attributes(type)).Append('\n');
            var members = type.GetMembers().Where(m => IsVisible(m) && IsListed(m)).Select(m => m.ToDisplayString(s_format) + Attributes(m)).ToList();
            members.Sort(StringComparer.Ordinal);
            foreach (string member in members)
            {
                sb.Append("  ").Append(member).Append('\n');
            }
        }

        return sb.ToString();
    }

    private static IEnumerable<INamedTypeSymbol> Types(INamespaceSymbol ns)
    {
        foreach (INamedTypeSymbol type in ns.GetTypeMembers().SelectMany(Nested))
        {
            yield return type;
        }

        foreach (INamespaceSymbol inner in ns.GetNamespaceMembers())
        {
            foreach (INamedTypeSymbol type in Types(inner))
            {
                yield return type;
            }
        }
    }

    private static IEnumerable<INamedTypeSymbol> Nested(INamedTypeSymbol type)
        => new[] { type }.Concat(type.GetTypeMembers().SelectMany(Nested));

    private static bool IsVisible(ISymbol symbol)
    {
        for (ISymbol? s = symbol; s != null && s is not INamespaceSymbol; s = s.ContainingSymbol)
        {
            if (s.DeclaredAccessibility is not (Accessibility.Public or Accessibility.Protected or Accessibility.ProtectedOrInternal))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Accessors are shown on their property; other compiler-made members (but a default constructor) are not API.</summary>
    private static bool IsListed(ISymbol member)
        => member is not INamedTypeSymbol
        && !(member is IMethodSymbol { MethodKind: MethodKind.PropertyGet or MethodKind.PropertySet or MethodKind.EventAdd or MethodKind.EventRemove })
        && (!member.IsImplicitlyDeclared || (member is IMethodSymbol { MethodKind: MethodKind.Constructor } && !member.ContainingType.IsValueType));

    private static string TypeLine(INamedTypeSymbol type)
    {
        var sb = new StringBuilder();
        sb.Append(SyntaxFacts.GetText(type.DeclaredAccessibility)).Append(' ');
        if (type.TypeKind == TypeKind.Class)
        {
            sb.Append(type.IsStatic ? "static " : type.IsAbstract ? "abstract " : type.IsSealed ? "sealed " : string.Empty);
        }

        sb.Append(type.ToDisplayString(s_format));
        var bases = new List<string>();
        if (type.TypeKind == TypeKind.Enum)
        {
            bases.Add(type.EnumUnderlyingType!.ToDisplayString(s_typeName));
        }
        else if (type.BaseType is { SpecialType: not SpecialType.System_Object and not SpecialType.System_ValueType } baseType)
        {
            bases.Add(baseType.ToDisplayString(s_typeName));
        }

        bases.AddRange(type.Interfaces.Select(i => i.ToDisplayString(s_typeName)));
        return bases.Count == 0 ? sb.ToString() : sb.Append(" : ").Append(string.Join(", ", bases)).ToString();
    }

    private static string Attributes(ISymbol symbol)
    {
        var shown = symbol.GetAttributes()
            .Where(a => a.AttributeClass?.Name is "EditorBrowsableAttribute" or "ObsoleteAttribute" or "FlagsAttribute")
            .Select(a => " [" + a.ToString() + "]")
            .OrderBy(a => a, StringComparer.Ordinal);
        return string.Concat(shown);
    }
}
