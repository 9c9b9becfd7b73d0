using System.Globalization;

namespace ErrorCodeGen.Generator.Emitting
{
    /// <summary>How a catalog wait is written for people, in XML docs and reference pages alike.</summary>
    internal static class DurationText
    {
        /// <summary><c>5 s</c> for whole seconds, else <c>1500 ms</c>.</summary>
        public static string Format(long milliseconds)
            => milliseconds % 1000 == 0
                ? (milliseconds / 1000).ToString(CultureInfo.InvariantCulture) + " s"
                : milliseconds.ToString(CultureInfo.InvariantCulture) + " ms";
    }
}
