using System.Collections.Generic;

namespace ErrorCodeGen
{
    /// <summary>
    /// Where an API's error body keeps its error, code, message and request id, as RFC 6901 JSON Pointers: what a catalog's
    /// <c>provider.shape</c> says (docs/catalog-schema.md). <see cref="ErrorShape.Create"/> validates and compiles it once.
    /// </summary>
    /// <remarks>
    /// Each list is a pointer or alternatives; the first listed that is present and not null wins. <see cref="Error"/>,
    /// <see cref="RequestId"/> and <see cref="RetryAfter"/> are from the root of the body; every other pointer is from each
    /// error object. A pointer that does not resolve in a body is simply absent.
    /// </remarks>
    public sealed class ErrorShapeDefinition
    {
        /// <summary>The shape's name, for messages and <see cref="ErrorShape.ToString"/>; defaults to the format's name.</summary>
        public string? Name { get; set; }

        /// <summary>
        /// <see cref="ErrorWireFormat.Json"/> (the default): the pointers below are the shape. <see cref="ErrorWireFormat.Problem"/>:
        /// RFC 9457 problem details, where the lists given replace the problem preset's (such as <c>Code = { "/code" }</c>
        /// for an extension member as the code) and <see cref="Error"/> must stay empty (the root is the error).
        /// </summary>
        public ErrorWireFormat Format { get; set; } = ErrorWireFormat.Json;

        /// <summary>Where the error is: an object (one error), an array (one per element) or a string (its message); <c>""</c> is the root. Alternatives: the first non-null one in the body is read.</summary>
        public IList<string> Error { get; } = new List<string>();

        /// <summary>The code, from each error object: required for <see cref="ErrorWireFormat.Json"/>.</summary>
        public IList<string> Code { get; } = new List<string>();

        /// <summary>The message, from each error object.</summary>
        public IList<string> Message { get; } = new List<string>();

        /// <summary>Further details (an array of strings or of <c>{loc, msg}</c> objects, an object of entries, or a string), from each error object.</summary>
        public IList<string> Details { get; } = new List<string>();

        /// <summary>The request parameter the error is about, from each error object.</summary>
        public IList<string> Parameter { get; } = new List<string>();

        /// <summary>Where the error is (an array of segments becomes dotted text), from each error object.</summary>
        public IList<string> Path { get; } = new List<string>();

        /// <summary>A documentation link or type URI, from each error object.</summary>
        public IList<string> Documentation { get; } = new List<string>();

        /// <summary>The task type that failed, from each error object.</summary>
        public IList<string> TaskType { get; } = new List<string>();

        /// <summary>The id of the task that failed, from each error object.</summary>
        public IList<string> TaskId { get; } = new List<string>();

        /// <summary>The request id, from the root (<c>/error/request_id</c> reads it inside the error object).</summary>
        public IList<string> RequestId { get; } = new List<string>();

        /// <summary>The wait in seconds (a number or a numeric string), from the root.</summary>
        public IList<string> RetryAfter { get; } = new List<string>();

        /// <summary>
        /// A status member, from each error object (<c>"status": "failed"</c>): with <see cref="FailingStatus"/>, an error object
        /// whose status is one of those values is an error even without a code, so a body whose root is the error
        /// (<see cref="Error"/> <c>""</c>) is a failure at HTTP 200 when its status says so. The member is kept as an extra field too.
        /// </summary>
        public IList<string> Status { get; } = new List<string>();

        /// <summary>The values of <see cref="Status"/> that mean failure, compared ignoring case (ASCII): required with it.</summary>
        public IList<string> FailingStatus { get; } = new List<string>();

        /// <summary>The response headers that carry the request id, first listed first; when empty, <c>X-Request-Id</c>.</summary>
        public IList<string> RequestIdHeaders { get; } = new List<string>();
    }
}
