using System;
using System.Net.Http;

namespace ErrorCodeGen
{
    /// <summary>What the retry rules need to know of a request: its method, its path (never the query) and its safety.</summary>
    internal static class RequestFacts
    {
        /// <summary>The header that makes a POST safe to repeat when no other name is configured (Stripe's and the IETF draft's).</summary>
        public const string DefaultIdempotencyKeyHeader = "Idempotency-Key";

        private const int MaxPathLength = 256;

        /// <summary>Methods that RFC 9110 defines as idempotent: repeating them has the effect of sending them once.</summary>
        public static bool IsIdempotent(HttpMethod method)
        {
            string m = method.Method;
            return Is(m, "GET") || Is(m, "HEAD") || Is(m, "OPTIONS") || Is(m, "PUT") || Is(m, "DELETE") || Is(m, "TRACE");
        }

        /// <summary>Whether <paramref name="request"/> may be repeated: an idempotent method, or a non-empty idempotency key.</summary>
        public static bool IsRepeatable(HttpRequestMessage request, string? idempotencyKeyHeader)
            => IsIdempotent(request.Method) || HasIdempotencyKey(request, idempotencyKeyHeader);

        public static bool HasIdempotencyKey(HttpRequestMessage request, string? header)
        {
            if (string.IsNullOrEmpty(header) || !request.Headers.TryGetValues(header!, out var values))
            {
                return false;
            }

            foreach (string value in values)
            {
                if (!string.IsNullOrWhiteSpace(value))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>The path of <paramref name="uri"/> without its query string or fragment, bounded.</summary>
        public static string? PathOf(Uri? uri)
        {
            if (uri is null)
            {
                return null;
            }

            string path = uri.IsAbsoluteUri ? uri.AbsolutePath : uri.OriginalString;
            int cut = path.IndexOfAny(new[] { '?', '#' });
            if (cut >= 0)
            {
                path = path.Substring(0, cut);
            }

            return TextExcerpt.Shorten(path, MaxPathLength);
        }

        /// <summary>Copies the request's method and path onto <paramref name="response"/>.</summary>
        public static void Describe(ErrorResponse response, HttpRequestMessage? request)
        {
            if (request is null)
            {
                return;
            }

            response.RequestMethod = request.Method.Method;
            response.RequestPath = PathOf(request.RequestUri);
            response.RequestRepeatable = IsRepeatable(request, DefaultIdempotencyKeyHeader);
        }

        private static bool Is(string method, string expected) => string.Equals(method, expected, StringComparison.OrdinalIgnoreCase);
    }
}
