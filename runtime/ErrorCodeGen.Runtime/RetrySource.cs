namespace ErrorCodeGen
{
    /// <summary>
    /// Which part of a response the provider's documentation says to go by when deciding whether to retry. The
    /// decision itself is <see cref="ApiErrorException.IsRetryable"/>; this only says where it comes from.
    /// </summary>
    public enum RetrySource
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
