namespace ErrorCodeGen
{
    /// <summary>
    /// Every bound of the body reader, in one place (docs/runtime.md lists them). A value past a bound is cut (strings,
    /// with an ellipsis as the last character) or skipped whole (items, details, fields), never built and then dropped.
    /// </summary>
    internal static class ReaderLimits
    {
        /// <summary>Bodies larger than this are not parsed.</summary>
        public const int MaxBodyBytes = 1024 * 1024;

        /// <summary>The deepest JSON nesting read.</summary>
        public const int MaxDepth = 64;

        /// <summary>Error items kept from one body.</summary>
        public const int MaxErrors = 256;

        /// <summary>Detail entries kept per error item.</summary>
        public const int MaxDetails = 256;

        /// <summary>Extra fields kept per error item.</summary>
        public const int MaxExtraFields = 64;

        /// <summary>Characters of a message, parameter, task id, link, detail entry or path.</summary>
        public const int MaxStringLength = 4096;

        /// <summary>Characters of an error code.</summary>
        public const int MaxCodeLength = 256;

        /// <summary>Characters of a request id (body or header).</summary>
        public const int MaxRequestIdLength = 256;

        /// <summary>Characters of the name of an extra field or of a detail entry.</summary>
        public const int MaxFieldNameLength = 128;

        /// <summary>Characters of the raw JSON kept for an extra field.</summary>
        public const int MaxRawJsonLength = 1024;

        /// <summary>Events of a Server-Sent Events body examined for a failing one; later events are not read.</summary>
        public const int MaxEventFrames = 1024;

        /// <summary>Bytes of one line of a Server-Sent Events body; an event with a longer line is skipped unread.</summary>
        public const int MaxEventLineBytes = 256 * 1024;
    }
}
