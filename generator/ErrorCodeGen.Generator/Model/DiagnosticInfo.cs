using System;
using System.Globalization;
using ErrorCodeGen.Generator.Diagnostics;
using Microsoft.CodeAnalysis;

namespace ErrorCodeGen.Generator.Model
{
    /// <summary>A diagnostic as plain, equatable values; see <see cref="DiagnosticDescriptors"/> for the IDs.</summary>
    internal sealed record DiagnosticInfo(string Id, LocationInfo? Location, EquatableArray<string> Arguments)
    {
        public static DiagnosticInfo Create(DiagnosticDescriptor descriptor, LocationInfo? location, params object?[] arguments)
        {
            var args = new string[arguments.Length];
            for (int i = 0; i < arguments.Length; i++)
            {
                args[i] = Convert.ToString(arguments[i], CultureInfo.InvariantCulture) ?? string.Empty;
            }

            return new DiagnosticInfo(descriptor.Id, location, new EquatableArray<string>(args));
        }

        public Diagnostic ToDiagnostic()
        {
            DiagnosticDescriptor descriptor = DiagnosticDescriptors.Get(Id);
            object[] args = new object[Arguments.Count];
            for (int i = 0; i < args.Length; i++)
            {
                args[i] = Arguments[i];
            }

            return Diagnostic.Create(descriptor, Location?.ToLocation() ?? Microsoft.CodeAnalysis.Location.None, args);
        }

        public bool IsError => DiagnosticDescriptors.Get(Id).DefaultSeverity == DiagnosticSeverity.Error;
    }
}
