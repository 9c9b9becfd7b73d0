using System;
using System.Collections.Generic;

namespace ErrorCodeGen
{
    /// <summary>
    /// What one pass over a body has found so far; kept when the body breaks off. One builder per thread is reused (with its
    /// item builder): <see cref="Rent"/> it, and <see cref="Return"/> it once the response is made.
    /// </summary>
    internal sealed class BodyBuilder
    {
        [ThreadStatic]
        private static BodyBuilder? t_cached;

        /// <summary>The item builder handed out by <see cref="NewItem"/>, reused once its item is built.</summary>
        private ErrorItemBuilder? _item;

        public ErrorBodyKind Kind = ErrorBodyKind.Json;
        public string? Problem;
        public string? RequestId;
        public TimeSpan? RetryAfter;
        public string? NonJsonExcerpt;
        public bool HasErrorPayload;

        /// <summary>The item being read; flushed into the errors when it ends or the body breaks off.</summary>
        public ErrorItemBuilder? Pending;

        /// <summary>
        /// The errors kept, in body order, in a buffer the builder keeps from body to body (cleared after each); the
        /// response gets an array of their exact number.
        /// </summary>
        private ApiError[]? _errors;
        private int _count;

        /// <summary>This thread's builder, reset, or a new one when it is in use.</summary>
        public static BodyBuilder Rent()
        {
            BodyBuilder? builder = t_cached;
            if (builder is null)
            {
                return new BodyBuilder();
            }

            t_cached = null;
            return builder;
        }

        /// <summary>Resets the builder for the next body and keeps it for this thread. The errors must have been taken.</summary>
        public void Return()
        {
            Clear();
            t_cached = this;
        }

        /// <summary>Forgets what was read, keeping the builder (the next event of an event stream is read into it).</summary>
        public void Clear()
        {
            Kind = ErrorBodyKind.Json;
            Problem = null;
            RequestId = null;
            RetryAfter = null;
            NonJsonExcerpt = null;
            HasErrorPayload = false;
            Pending = null;
            if (_count > 0)
            {
                _errors.AsSpan(0, _count).Clear();
            }

            _count = 0;
        }

        /// <summary>An empty item builder: the reused one, unless it is still pending.</summary>
        public ErrorItemBuilder NewItem()
        {
            ErrorItemBuilder? item = _item;
            if (item is null || ReferenceEquals(item, Pending))
            {
                item = new ErrorItemBuilder();
                _item ??= item;
                return item;
            }

            item.Reset();
            return item;
        }

        /// <summary>Whether <see cref="ReaderLimits.MaxErrors"/> items are kept: later ones are skipped unread.</summary>
        public bool IsFull => _count >= ReaderLimits.MaxErrors;

        /// <summary>How many items have been added.</summary>
        public int Count => _count;

        private ErrorItemBuilder? _root;

        /// <summary>The builder of the root read as an item (a shape's root fallback): its own, never the one items reuse.</summary>
        public ErrorItemBuilder RootItem()
        {
            ErrorItemBuilder root = _root ??= new ErrorItemBuilder();
            root.Reset();
            return root;
        }

        /// <summary>Adds <paramref name="item"/> at <paramref name="index"/> (the root's error before the ones inside it).</summary>
        public void Insert(int index, ErrorItemBuilder item)
        {
            if (IsFull && !item.IsEmpty && index >= 0 && index < _count)
            {
                // The root's error comes before the items read inside it, so at the bound the last item is the one past
                // it (skipped, as every item past the bound is), never the root's.
                _count--;
                _errors![_count] = null!;
            }

            int at = _count;
            Add(item);
            if (_count == at + 1 && index >= 0 && index < at)
            {
                ApiError added = _errors![at];
                Array.Copy(_errors, index, _errors, index + 1, at - index);
                _errors[index] = added;
            }
        }

        /// <summary>Fills the task type and id of the items from <paramref name="from"/> on that have none.</summary>
        public void FillTasks(int from, string? taskType, string? taskId)
        {
            if (taskType is null && taskId is null)
            {
                return;
            }

            for (int i = Math.Max(0, from); i < _count; i++)
            {
                _errors![i] = _errors[i].WithTask(taskType, taskId);
            }
        }

        public void FlushPending()
        {
            ErrorItemBuilder? pending = Pending;
            Pending = null;
            if (pending != null)
            {
                Add(pending);
            }
        }

        public void Add(ErrorItemBuilder item)
        {
            if (item.IsEmpty || IsFull)
            {
                return;
            }

            if (_errors is null)
            {
                _errors = new ApiError[4];
            }
            else if (_count == _errors.Length)
            {
                Array.Resize(ref _errors, Math.Min(_errors.Length * 2, ReaderLimits.MaxErrors));
            }

            _errors[_count++] = item.Build();
        }

        /// <summary>The errors read and taken from the builder: one error alone (an <see cref="ApiError"/>), or else an array of their exact number.</summary>
        public object TakeErrors()
        {
            if (_count == 0)
            {
                return Array.Empty<ApiError>();
            }

            if (_count == 1)
            {
                // One error, the usual body: the response makes its list only if it is read.
                ApiError one = _errors![0];
                _errors[0] = null!;
                _count = 0;
                return one;
            }

            // Spans, not Array.Copy and Array.Clear: those check the arrays' types and lower bounds on every call.
            Span<ApiError> kept = _errors.AsSpan(0, _count);
            var errors = new ApiError[_count];
            kept.CopyTo(errors);
            kept.Clear();
            _count = 0;
            return errors;
        }
    }
}
