using System.Collections.Generic;

namespace ErrorCodeGen
{
    /// <summary>
    /// One error item being read; turned into an <see cref="ApiError"/> even when the body breaks off mid-item. Fields, not
    /// properties, so that the readers can fill them with <see cref="JsonValues.Take"/> (first occurrence wins).
    /// </summary>
    internal sealed class ErrorItemBuilder
    {
        public string? Code;
        public string? Message;
        public string? Parameter;
        public string? TaskType;
        public string? TaskId;
        public string? DocumentationUrl;
        public string? Path;

        /// <summary>Whether the item's <c>detail</c>/<c>details</c> was read (a duplicate is skipped).</summary>
        public bool SeenDetails;

        /// <summary>Whether the item's <c>extensions</c> object was read (a duplicate is skipped).</summary>
        public bool SeenExtensions;

        private List<string>? _details;
        private Dictionary<string, string>? _extra;

        public bool IsEmpty => Code is null && Message is null && Parameter is null && TaskType is null && TaskId is null
            && DocumentationUrl is null && Path is null && _details is null && _extra is null;

        public bool DetailsFull => _details != null && _details.Count >= ReaderLimits.MaxDetails;

        public bool ExtrasFull => _extra != null && _extra.Count >= ReaderLimits.MaxExtraFields;

        public void AddDetail(string? detail)
        {
            if (detail is null || DetailsFull)
            {
                return;
            }

            _details ??= new List<string>();
            _details.Add(detail);
        }

        public bool HasExtra(string name) => _extra != null && _extra.ContainsKey(name);

        public void AddExtra(string name, string rawJson)
        {
            if (ExtrasFull || HasExtra(name))
            {
                return;
            }

            _extra ??= new Dictionary<string, string>();
            _extra.Add(name, rawJson);
        }

        /// <summary>Copies what was read into an immutable <see cref="ApiError"/>.</summary>
        public ApiError Build() => new ApiError(
            Code,
            Message,
            Parameter,
            TaskType,
            TaskId,
            DocumentationUrl,
            Path,
            _details?.ToArray(),
            _extra is null ? null : new Dictionary<string, string>(_extra));
    }
}
