namespace ErrorCodeGen
{
    /// <summary>The shape of a vendor's error bodies: a built-in preset, or a declared shape (<see cref="ErrorShape"/>). New members are only ever added at the end.</summary>
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

        /// <summary>A declared JSON shape (<see cref="ErrorShape.Create"/>, a catalog's <c>format: json</c> with a <c>shape:</c>); without one, <see cref="ErrorShape.Json"/>.</summary>
        Json = 4,

        /// <summary>RFC 9457 problem details (<c>application/problem+json</c>): <c>{"type", "title", "status", "detail", "instance", ...}</c>, see <see cref="ErrorShape.Problem"/>.</summary>
        Problem = 5,
    }
}
