using System;

namespace ErrorCodeGen.Formats
{
    /// <summary>The registry of wire formats, in the order of <see cref="ErrorWireFormat"/>'s values: the presets' compiled readers.</summary>
    internal static class ErrorBodyFormats
    {
        private static readonly ErrorBodyFormat[] s_all =
        {
            ErrorShape.RunComfy.Reader!,
            ErrorShape.Runware.Reader!,
            ErrorShape.Cmfy.Reader!,
            ErrorShape.GraphQL.Reader!,
            ErrorShape.Json.Reader!,
            ErrorShape.Problem.Reader!,
        };

        /// <summary>The reader of <paramref name="format"/>, or null for a value this runtime does not know.</summary>
        public static ErrorBodyFormat? For(ErrorWireFormat format)
        {
            int i = (int)format;
            return i >= 0 && i < s_all.Length ? s_all[i] : null;
        }

        /// <summary>Every registered format, in the order of the enum's values.</summary>
        public static ReadOnlySpan<ErrorBodyFormat> All => s_all;
    }
}
