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
            DiagnosticDescriptor descriptor = DiagnosticDescriptors.Get(Id);
            object[] args = new object[Arguments.Count];
            for (int i = 0; i < args.Length; i++)
            {
                args[i] = Arguments[i];
            }

            return Diagnostic.Create(descriptor, Location?.ToLocation() ?? Microsoft.CodeAnalysis.Location.None, args);
        }
    }
}
