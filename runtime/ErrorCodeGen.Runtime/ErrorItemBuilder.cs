using System;

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

        /// <summary>The details kept, in a buffer the builder keeps from item to item; the item gets an array of their exact number.</summary>
        private string[]? _details;
        private int _detailCount;
        /// <summary>
        /// The extra fields kept, as name, raw JSON, name, raw JSON…, in a buffer kept from item to item; the item gets the
        /// pairs in an array of their exact number and makes its dictionary only when it is read.
        /// </summary>
        private string[]? _extra;
        private int _extraCount;

        public bool IsEmpty => Code is null && Message is null && Parameter is null && TaskType is null && TaskId is null
            && DocumentationUrl is null && Path is null && _detailCount == 0 && _extraCount == 0;

        public bool DetailsFull => _detailCount >= ReaderLimits.MaxDetails;

        public bool ExtrasFull => _extraCount >= ReaderLimits.MaxExtraFields;

        public void AddDetail(string? detail)
        {
            if (detail is null || DetailsFull)
            {
                return;
            }

            if (_details is null)
            {
                _details = new string[4];
            }
            else if (_detailCount == _details.Length)
            {
                Array.Resize(ref _details, Math.Min(_details.Length * 2, ReaderLimits.MaxDetails));
            }

            _details[_detailCount++] = detail;
        }

        /// <summary>Forgets the details read (a better-ranked alternative replaces them).</summary>
        public void ClearDetails()
        {
            if (_detailCount > 0)
            {
                _details.AsSpan(0, _detailCount).Clear();
                _detailCount = 0;
            }

            SeenDetails = false;
        }

        /// <summary>Whether a field of this name is kept (at most <see cref="ReaderLimits.MaxExtraFields"/> to look at).</summary>
        public bool HasExtra(string name)
        {
            for (int i = 0; i < _extraCount; i++)
            {
                if (string.Equals(_extra![2 * i], name, StringComparison.Ordinal))
                {
                    return true;
                }
            }

            return false;
        }

        public void AddExtra(string name, string rawJson)
        {
            if (ExtrasFull || HasExtra(name))
            {
                return;
            }

            if (_extra is null)
            {
                _extra = new string[8];
            }
            else if (2 * _extraCount == _extra.Length)
            {
                Array.Resize(ref _extra, Math.Min(_extra.Length * 2, 2 * ReaderLimits.MaxExtraFields));
            }

            _extra[2 * _extraCount] = name;
            _extra[(2 * _extraCount) + 1] = rawJson;
            _extraCount++;
        }

        /// <summary>Empties the builder for the next item (its buffers are kept, cleared).</summary>
        public void Reset()
        {
            Code = Message = Parameter = TaskType = TaskId = DocumentationUrl = Path = null;
            SeenDetails = SeenExtensions = false;
            ClearBuffers();
        }

        /// <summary>Copies what was read into an immutable <see cref="ApiError"/>: the details and extra fields in arrays of their exact number.</summary>
        public ApiError Build()
        {
            string[]? details = null;
            if (_detailCount > 0)
            {
                details = new string[_detailCount];
                _details.AsSpan(0, _detailCount).CopyTo(details);
            }

            string[]? extra = null;
            int extraCount = _extraCount;
            if (extraCount > 0)
            {
                extra = new string[2 * extraCount];
                _extra.AsSpan(0, 2 * extraCount).CopyTo(extra);
            }

            ClearBuffers();
            return new ApiError(Code, Message, Parameter, TaskType, TaskId, DocumentationUrl, Path, details, extra);
        }

        private void ClearBuffers()
        {
            if (_detailCount > 0)
            {
                _details.AsSpan(0, _detailCount).Clear();
                _detailCount = 0;
            }

            if (_extraCount > 0)
            {
                _extra.AsSpan(0, 2 * _extraCount).Clear();
                _extraCount = 0;
            }
        }
    }
}
