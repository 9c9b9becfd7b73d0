using System;
using System.Text.Json;

namespace ErrorCodeGen.Formats
{
    /// <summary>
    /// One wire format: how the root object of an error body is read into a <see cref="BodyBuilder"/>. The reader is called on
    /// the root's <c>{</c> and reads in one forward pass; what has been read is kept as it is read, so a body that breaks
    /// off still yields its code and message. Use the shared readers of <see cref="JsonItems"/> and <see cref="JsonValues"/>,
    /// which keep the bounds and the duplicate-key rule.
    /// </summary>
    /// <remarks>
    /// The one implementation is <see cref="ShapeFormat"/>, the shape engine: every format, built-in or declared, is a
    /// compiled shape. To add a built-in format, see <see cref="ShapePresets"/>.
    /// </remarks>
    internal abstract class ErrorBodyFormat
    {
        /// <summary>The format's identity in the public API.</summary>
        public abstract ErrorWireFormat Format { get; }

        /// <summary>Reads the root object; the reader is on its <c>{</c> and must end on its <c>}</c>.</summary>
        public abstract void ReadRoot(ref JsonTokenReader r, ReadOnlySpan<byte> body, BodyBuilder b);
    }
}
