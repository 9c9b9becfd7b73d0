namespace ErrorCodeGen
{
    /// <summary>The shape of a vendor's error bodies.</summary>
    public enum ErrorWireFormat
    {
        /// <summary>RunComfy: <c>{"error_code": 42258, "message": "...", "detail": [...]}</c>.</summary>
        RunComfy = 0,

        /// <summary>Runware: <c>{"errors": [{"code", "message", "parameter", "taskType", "taskUUID", "documentation"}]}</c>.</summary>
        Runware = 1,

        /// <summary>cmfy.cloud: <c>{"error": {"code", "message", "details", "retry_after", "request_id"}}</c>.</summary>
        Cmfy = 2,

        /// <summary>GraphQL: <c>{"data": ..., "errors": [{"message", "extensions": {"code"}}]}</c>.</summary>
        GraphQL = 3,
    }
}
