using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace ErrorCodeGen.Http
{
    /// <summary>Whether a request body can be sent more than once, and buffering the ones that can be made so.</summary>
    internal static class RequestBodies
    {
        /// <summary>
        /// True when <paramref name="content"/> can be sent again: none, a byte array or string (and forms), JSON content that
        /// serializes again, multipart content of such parts, or a body of known length up to <paramref name="maxBuffered"/>
        /// bytes, which is buffered now. Nothing is buffered for the contents that need no buffer.
        /// </summary>
        public static Task<bool> MakeReplayableAsync(HttpContent? content, long maxBuffered, CancellationToken cancellationToken)
            => content is null || IsReplayable(content) ? s_replayable : BufferAsync(content, maxBuffered, cancellationToken);

        // The usual answer (no body, or one that is sent again as it is), without a frame or a task per request.
        private static readonly Task<bool> s_replayable = Task.FromResult(true);

        /// <summary>A body that is not replayable as it is: buffered when its length is known and at most <paramref name="maxBuffered"/>.</summary>
        private static async Task<bool> BufferAsync(HttpContent content, long maxBuffered, CancellationToken cancellationToken)
        {
            long? length = content.Headers.ContentLength;
            if (length is null || length > maxBuffered)
            {
                return false;
            }

            cancellationToken.ThrowIfCancellationRequested();
            // LoadIntoBufferAsync takes no token on the runtime's frameworks (it does from .NET 9): the caller's cancellation
            // ends the wait for it (the read goes on in the background until the body's stream ends or fails, and the request
            // is not sent).
            Task load = content.LoadIntoBufferAsync(maxBuffered);
            if (cancellationToken.CanBeCanceled && !load.IsCompleted)
            {
                var cancelled = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
                using (cancellationToken.Register(state => ((TaskCompletionSource<bool>)state!).TrySetResult(true), cancelled))
                {
                    if (await Task.WhenAny(load, cancelled.Task).ConfigureAwait(false) != load)
                    {
                        _ = load.ContinueWith(t => _ = t.Exception, TaskScheduler.Default);
                        cancellationToken.ThrowIfCancellationRequested();
                    }
                }
            }

            await load.ConfigureAwait(false);
            return true;
        }

        private static bool IsReplayable(HttpContent content)
        {
            if (content is ByteArrayContent)
            {
                return true;
            }
            if (content is MultipartContent multipart)
            {
                foreach (HttpContent part in multipart)
                {
                    if (!IsReplayable(part))
                    {
                        return false;
                    }
                }

                return true;
            }

            // System.Net.Http.Json's JsonContent serializes its value each time it is sent; ReadOnlyMemoryContent (which the
            // netstandard2.0 build cannot name, though .NET 6 and 7 apps run it) holds its bytes. By name, so both builds agree.
            string? type = content.GetType().FullName;
            return type == "System.Net.Http.Json.JsonContent" || type == "System.Net.Http.ReadOnlyMemoryContent";
        }
    }
}
