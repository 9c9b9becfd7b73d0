using System;
using System.Globalization;
using ErrorCodeGen.Generator.Diagnostics;
using Microsoft.CodeAnalysis;

namespace ErrorCodeGen.Generator.Model
{
    /// <summary>
    /// A diagnostic as plain, equatable values. It carries its descriptor by ID, not the <see cref="DiagnosticDescriptor"/>
    /// itself: a descriptor compares by value, but it holds collections (custom tags) that are not equatable arrays, and
    /// pipeline values stay plain. <see cref="Descriptor"/> looks the ID up in <see cref="DiagnosticDescriptors.All"/>,
    /// which a test proves lists every descriptor, so a new one cannot slip past.
    /// </summary>
    internal sealed record DiagnosticInfo(string Id, LocationInfo? Location, EquatableArray<string> Arguments)
    {
        /// <summary>The descriptor this diagnostic was created from.</summary>
        internal DiagnosticDescriptor Descriptor => DiagnosticDescriptors.Get(Id);

        public static DiagnosticInfo Create(DiagnosticDescriptor descriptor, LocationInfo? location, params object?[] arguments)
        {
            var args = new string[arguments.Length];
            for (int i = 0; i < arguments.Length; i++)
            {
                args[i] = ForMessage(Convert.ToString(arguments[i], CultureInfo.InvariantCulture) ?? string.Empty);
            }

            return new DiagnosticInfo(descriptor.Id, location, new EquatableArray<string>(args));
        }

        /// <summary>A message argument on one line and of bounded length: control and line-separator characters are shown escaped.</summary>
        internal static string ForMessage(string value)
        {
            const int Max = 160;
            var sb = new System.Text.StringBuilder(Math.Min(value.Length, Max + 8));
            foreach (char c in value)
            {
                if (sb.Length >= Max)
                {
                    sb.Append('\u2026');
                    break;
                }

                switch (c)
                {
                    case '\n':
                        sb.Append("\\n");
                        break;
                    case '\r':
                        sb.Append("\\r");
                        break;
                    case '\t':
                        sb.Append("\\t");
                        break;
                    default:
                        if (char.IsControl(c) || c == '\u2028' || c == '\u2029' || c == '\u0085' || c == '\uFEFF')
                        {
                            sb.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
                        }
                        else
                        {
                            sb.Append(c);
                        }

                        break;
                }
            }

            return sb.ToString();
        }

        public Diagnostic ToDiagnostic()
        {
                        object[] args = new object[Arguments.Count];
            for (int i = 0; i < args.Length; i++)
            {
                args[i] = Arguments[i];
            }

            return Diagnostic.Create(Descriptor, Location?.ToLocation() ?? Microsoft.CodeAnalysis.Location.None, args);
        }
    }

    /// <summary>
    /// The diagnostics one pipeline step reports, as a class. Roslyn's step code (its nodes, state tables and builders)
    /// over a reference type is shared and precompiled in the compiler; over a value type such as
    /// <see cref="EquatableArray{T}"/> a cold compiler process JIT-compiles it anew, about 140 methods for these three
    /// steps. Equal by content, as the array is, so a step whose diagnostics did not change stays cached.
    /// </summary>
    internal sealed record DiagnosticList(EquatableArray<DiagnosticInfo> Items);
}
