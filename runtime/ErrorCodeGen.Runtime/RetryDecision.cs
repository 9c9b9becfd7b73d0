namespace ErrorCodeGen
{
    /// <summary>Which part of a response decides whether to retry, as the vendor's documentation says.</summary>
    public enum RetryDecision
    {
        /// <summary>The error code's catalog entry decides; the HTTP status rule only when the code is unknown.</summary>
        Code = 0,

        /// <summary>
        /// The HTTP status decides when there is one (Runware: "use HTTP status codes when on REST"); the error code
        /// decides for messages without a status (WebSocket).
        /// </summary>
        Status = 1,
    }
}
