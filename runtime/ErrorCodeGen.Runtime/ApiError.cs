using System.Collections.Generic;

namespace ErrorCodeGen
{
    /// <summary>One error of an error body; bodies such as Runware's and GraphQL's carry several.</summary>
    public sealed class ApiError
    {
        private static readonly string[] s_none = new string[0];
        private static readonly Dictionary<string, string> s_noFields = new Dictionary<string, string>();

        /// <summary>Creates an error item with a code and a message; see <see cref="CatalogFactory.ApiError"/> for the other fields.</summary>
        /// <param name="code">The code as on the wire, or <see langword="null"/>.</param>
        /// <param name="message">The server's message, or <see langword="null"/>.</param>
        public ApiError(string? code, string? message)
            : this(code, message, null, null, null, null, null, null, (object?)null)
        {
        }

        internal ApiError(
            string? code,
            string? message,
            string? parameter,
            string? taskType,
            string? taskId,
            string? documentationUrl,
            string? path,
            IReadOnlyList<string>? details,
            IReadOnlyDictionary<string, string>? extraFields)
            : this(code, message, parameter, taskType, taskId, documentationUrl, path, details, (object?)extraFields)
        {
        }

        /// <summary>An error item as read: its extra fields as pairs (name, raw JSON, …, exactly two per field), made into a dictionary only when read.</summary>
        internal ApiError(
            string? code,
            string? message,
            string? parameter,
            string? taskType,
            string? taskId,
            string? documentationUrl,
            string? path,
            IReadOnlyList<string>? details,
            string[]? extraPairs)
            : this(code, message, parameter, taskType, taskId, documentationUrl, path, details, extraPairs is { Length: > 0 } ? (object)extraPairs : null)
        {
        }

        private ApiError(
            string? code,
            string? message,
            string? parameter,
            string? taskType,
            string? taskId,
            string? documentationUrl,
            string? path,
            IReadOnlyList<string>? details,
            object? extras)
        {
            Code = code;
            Message = message;
            Parameter = parameter;
            TaskType = taskType;
            TaskId = taskId;
            DocumentationUrl = documentationUrl;
            Path = path;
            Details = details ?? s_none;
            _extras = extras;
        }

        /// <summary>
        /// The extra fields in one field (an item is made on the error path, and most have none): null for none, the pairs as
        /// read, or the dictionary (given, or made of the pairs when first read).
        /// </summary>
        private object? _extras;

        /// <summary>This item with its task type and id filled from the body around it where it has none (the reader's only copy).</summary>
        internal ApiError WithTask(string? taskType, string? taskId)
            => (TaskType != null || taskType is null) && (TaskId != null || taskId is null)
                ? this
                : new ApiError(Code, Message, Parameter, TaskType ?? taskType, TaskId ?? taskId, DocumentationUrl, Path, Details, _extras);

        /// <summary>The code as on the wire, or <see langword="null"/> when the item has none.</summary>
        public string? Code { get; }

        /// <summary>The server's message, as sent.</summary>
        public string? Message { get; }

        /// <summary>The request parameter the error is about (Runware's <c>parameter</c>).</summary>
        public string? Parameter { get; }

        /// <summary>The task type that failed (Runware's <c>taskType</c>).</summary>
        public string? TaskType { get; }

        /// <summary>The id of the task that failed (Runware's <c>taskUUID</c>).</summary>
        public string? TaskId { get; }

        /// <summary>A documentation link the server sent with the error.</summary>
        public string? DocumentationUrl { get; }

        /// <summary>Where the error is (a GraphQL <c>path</c>, dotted).</summary>
        public string? Path { get; }

        /// <summary>Further details (RunComfy's <c>detail</c> entries, cmfy's <c>details</c>), one string each.</summary>
        public IReadOnlyList<string> Details { get; }

        /// <summary>The fields of the item that have no property here (such as <c>type</c>, <c>min</c>, <c>max</c>), as raw JSON text.</summary>
        public IReadOnlyDictionary<string, string> ExtraFields => _extras as IReadOnlyDictionary<string, string> ?? MakeExtraFields();

        /// <summary>The dictionary of the extra fields read, in body order; made once (racing first reads keep the same one).</summary>
        private IReadOnlyDictionary<string, string> MakeExtraFields()
        {
            object? extras = _extras;
            if (extras is not string[] pairs)
            {
                return extras as IReadOnlyDictionary<string, string> ?? s_noFields;
            }

            var fields = new Dictionary<string, string>(pairs.Length / 2);
            for (int i = 0; i + 1 < pairs.Length; i += 2)
            {
                fields.Add(pairs[i], pairs[i + 1]);
            }

            return System.Threading.Interlocked.CompareExchange(ref _extras, fields, pairs) as IReadOnlyDictionary<string, string> ?? fields;
        }

        /// <summary>The code and the message on one line, shortened, with anything that looks like a credential masked (see docs/runtime.md).</summary>
        public override string ToString()
            => (Code is null ? "(no code)" : TextExcerpt.SingleLine(Code, 80)) + ": " + (Message is null ? string.Empty : TextExcerpt.SingleLine(Message, 300));
    }
}
