using System;
using System.IO;
using System.Net.Http;
using System.Net.Sockets;
using System.Security.Authentication;

namespace ErrorCodeGen
{
    /// <summary>
    /// Turns a request that got no response (connection refused or reset, DNS, TLS, a time-out) into an
    /// <see cref="ErrorResponse"/> of kind <see cref="ErrorBodyKind.NoResponse"/>, telling apart a request that never left
    /// (safe to repeat, whatever its method) from one that may have reached the server.
    /// </summary>
    internal static class TransportFailures
    {
        public static ErrorResponse Read(ErrorWireFormat format, Exception exception, HttpRequestMessage? request)
        {
            if (exception is null)
            {
                throw new ArgumentNullException(nameof(exception));
            }

            bool sent = !NeverSent(exception);
            var response = new ErrorResponse(
                format,
                httpStatus: null,
                ErrorBodyKind.NoResponse,
                Describe(exception, sent),
                Array.Empty<ApiError>(),
                requestId: null,
                retryAfter: null,
                rateLimit: null,
                nonJsonExcerpt: null,
                hasErrorPayload: false,
                readException: exception);
            response.RequestSent = sent;
            RequestFacts.Describe(response, request);
            return response;
        }

        /// <summary>
        /// Whether the failure happened before any byte of the request could reach the server: the connection was refused,
        /// the host could not be resolved or reached, or the TLS handshake failed.
        /// </summary>
        public static bool NeverSent(Exception exception)
        {
            for (Exception? e = exception; e != null; e = e.InnerException)
            {
#if NET8_0_OR_GREATER
                if (e is HttpRequestException http)
                {
                    switch (http.HttpRequestError)
                    {
                        case HttpRequestError.NameResolutionError:
                        case HttpRequestError.ConnectionError:
                        case HttpRequestError.SecureConnectionError:
                        case HttpRequestError.ProxyTunnelError:
                            return true;
                    }
                }
#endif
                if (e is SocketException socket)
                {
                    switch (socket.SocketErrorCode)
                    {
                        case SocketError.ConnectionRefused:
                        case SocketError.HostNotFound:
                        case SocketError.HostUnreachable:
                        case SocketError.NetworkUnreachable:
                        case SocketError.TryAgain:
                        case SocketError.NoData:
                        case SocketError.AddressNotAvailable:
                            return true;
                    }
                }

                if (e is AuthenticationException)
                {
                    return true;
                }
            }

            return false;
        }

        public static bool IsTimeout(Exception exception)
        {
            for (Exception? e = exception; e != null; e = e.InnerException)
            {
                if (e is TimeoutException || e is OperationCanceledException)
                {
                    return true;
                }
            }

            return false;
        }

        private static string Describe(Exception exception, bool sent)
        {
            string what;
            if (!sent)
            {
                what = "the connection could not be made, so the request was not sent";
            }
            else if (IsTimeout(exception))
            {
                what = "the request timed out; the server may have acted on it";
            }
            else if (exception is IOException || exception is HttpRequestException || exception is SocketException)
            {
                what = "the connection broke off; the server may have acted on the request";
            }
            else
            {
                what = "the request failed in transport; the server may have acted on it";
            }

            return "no response: " + what + " (" + exception.GetType().Name + ")";
        }
    }
}
