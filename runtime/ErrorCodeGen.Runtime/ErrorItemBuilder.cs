using System.Collections.Generic;

namespace ErrorCodeGen
{
    /// <summary>One error item being read; turned into an <see cref="ApiError"/> even when the body breaks off mid-item.</summary>
    internal sealed class ErrorItemBuilder
    {
        private const int MaxExtraFields = 64;
        private const int MaxDetails = 256;

        public string? Code { get; set; }

        public string? Message { get; set; }

        public string? Parameter { get; set; }

        public string? TaskType { get; set; }

        public string? TaskId { get; set; }

        public string? DocumentationUrl { get; set; }

        public string? Path { get; set; }

        public List<string> Details { get; } = new List<string>();

        public Dictionary<string, string> Extra { get; } = new Dictionary<string, string>();

        public bool IsEmpty => Code is null && Message is null && Parameter is null && TaskType is null && TaskId is null
            && DocumentationUrl is null && Path is null && Details.Count == 0 && Extra.Count == 0;

        public void AddDetail(string detail)
        {
            if (Details.Count < MaxDetails)
            {
                Details.Add(detail);
            }
        }

        public void AddExtra(string name, string rawJson)
        {
            if (Extra.Count < MaxExtraFields && !Extra.ContainsKey(name))
            {
                Extra.Add(name, rawJson);
            }
        }

        public ApiError Build() => new ApiError(
            Code,
            Message,
            Parameter,
            TaskType,
            TaskId,
            DocumentationUrl,
            Path,
            Details.ToArray(),
            new Dictionary<string, string>(Extra));
    }
}
