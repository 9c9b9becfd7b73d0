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

        private List<string>? _details;
        private Dictionary<string, string>? _extra;

        public bool IsEmpty => Code is null && Message is null && Parameter is null && TaskType is null && TaskId is null
            && DocumentationUrl is null && Path is null && _details is null && _extra is null;

        public void AddDetail(string detail)
        {
            _details ??= new List<string>();
            if (_details.Count < MaxDetails)
            {
                _details.Add(detail);
            }
        }

        public void AddExtra(string name, string rawJson)
        {
            _extra ??= new Dictionary<string, string>();
            if (_extra.Count < MaxExtraFields && !_extra.ContainsKey(name))
            {
                _extra.Add(name, rawJson);
            }
        }

        /// <summary>The error item: the details are copied into an array; the extra-field dictionary is handed over (the builder is discarded afterwards).</summary>
        public ApiError Build() => new ApiError(
            Code,
            Message,
            Parameter,
            TaskType,
            TaskId,
            DocumentationUrl,
            Path,
            _details?.ToArray(),
            _extra);
    }
}
