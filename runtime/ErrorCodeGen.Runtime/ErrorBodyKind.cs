namespace ErrorCodeGen
{
    /// <summary>What an error response's body turned out to be.</summary>
    public enum ErrorBodyKind
    {
        /// <summary>No body, or only white space.</summary>
        Empty = 0,

        /// <summary>A complete JSON document.</summary>
        Json = 1,

        /// <summary>Not JSON at all, such as a proxy's HTML error page or plain text.</summary>
        NotJson = 2,

        /// <summary>JSON that breaks off before its end.</summary>
        Truncated = 3,

        /// <summary>Invalid JSON, or JSON nested deeper than the reader allows.</summary>
        Malformed = 4,

        /// <summary>Larger than <see cref="ErrorResponseReader.MaxBodyBytes"/>; not parsed.</summary>
        TooLarge = 5,

        /// <summary>
        /// No response at all: the request failed in transport (connection refused or reset, DNS, TLS, a time-out), see
        /// <see cref="ErrorResponse.ReadException"/> and <see cref="ErrorResponse.RequestSent"/>.
        /// </summary>
        NoResponse = 6,
    }
}
