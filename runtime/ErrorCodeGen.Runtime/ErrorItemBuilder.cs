using System;
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

        /// <summary>The details kept: an array that grows by doubling, handed over without a copy when it is exactly full.</summary>
        private string[]? _details;
        private int _detailCount;
        private Dictionary<string, string>? _extra;

        public bool IsEmpty => Code is null && Message is null && Parameter is null && TaskType is null && TaskId is null
            && DocumentationUrl is null && Path is null && _details is null && _extra is null;

        public bool DetailsFull => _detailCount >= ReaderLimits.MaxDetails;

        public bool ExtrasFull => _extra != null && _extra.Count >= ReaderLimits.MaxExtraFields;

        public void AddDetail(string? detail)
        {
            if (detail is null || DetailsFull)
            {
                return;
            }

            if (_details is null)
            {
                _details = new string[2];
            }
            else if (_detailCount == _details.Length)
            {
                Array.Resize(ref _details, Math.Min(_details.Length * 2, ReaderLimits.MaxDetails));
            }

            _details[_detailCount++] = detail;
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

        /// <summary>Empties the builder for the next item.</summary>
        public void Reset()
        {
            Code = Message = Parameter = TaskType = TaskId = DocumentationUrl = Path = null;
            SeenDetails = SeenExtensions = false;
            _details = null;
            _detailCount = 0;
            _extra = null;
        }

        /// <summary>
        /// Hands what was read to an immutable <see cref="ApiError"/>, once: the details and the extra fields are given over,
        /// not copied, and the builder lets go of them, so nothing changes them afterwards.
        /// </summary>
        public ApiError Build()
        {
            string[]? details = _details;
            if (details != null && details.Length != _detailCount)
            {
                Array.Resize(ref details, _detailCount);
            }

            Dictionary<string, string>? extra = _extra;
            _details = null;
            _detailCount = 0;
            _extra = null;
            return new ApiError(Code, Message, Parameter, TaskType, TaskId, DocumentationUrl, Path, details, extra);
        }
    }
}
