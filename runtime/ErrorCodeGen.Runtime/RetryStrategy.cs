namespace ErrorCodeGen
{
    /// <summary>How an error should be retried, as the vendor's documentation advises.</summary>
    public enum RetryStrategy
    {
        /// <summary>Do not retry: the request, the credentials or the account must change first.</summary>
        None = 0,

        /// <summary>Retry with exponential backoff.</summary>
        Backoff = 1,

        /// <summary>Retry once; if it fails again, stop and report it.</summary>
        Once = 2,

        /// <summary>Wait for the suggested delay (the server's <c>Retry-After</c> when it sends one), then retry.</summary>
        Delay = 3,
    }
}
