using System;
using System.Text;

namespace ErrorCodeGen
{
    /// <summary>
    /// One <see cref="StringBuilder"/> per thread for building a message, as the BCL's own internal cache does: the builder's
    /// buffer is reused from message to message instead of allocated (and cleared by the allocator) each time. A caller
    /// that finds it taken (a message built while another is) gets a new one; builders that grew large are not kept. The
    /// generator compiles this file too, for a code's remarks and the plain text of its Markdown.
    /// </summary>
    internal static class StringBuilderCache
    {
        /// <summary>Builders with more room than this are let go, so that one huge message does not stay in memory.</summary>
        private const int MaxKept = 1024;

        [ThreadStatic]
        private static StringBuilder? t_cached;

        /// <summary>This thread's builder, emptied, or a new one of <paramref name="capacity"/> when it is in use or too small.</summary>
        public static StringBuilder Acquire(int capacity)
        {
            StringBuilder? sb = t_cached;
            if (sb != null && capacity <= sb.Capacity)
            {
                t_cached = null;
                sb.Clear();
                return sb;
            }

            return new StringBuilder(Math.Max(capacity, 16));
        }

        /// <summary>The text built, the builder kept for this thread's next message.</summary>
        public static string GetStringAndRelease(StringBuilder sb)
        {
            string text = sb.ToString();
            Release(sb, MaxKept);
            return text;
        }

        /// <summary>
        /// The builder kept for this thread's next <see cref="Acquire"/>, unless it has more room than
        /// <paramref name="maxKept"/> (the generator, whose builders hold a code's remarks, keeps larger ones).
        /// </summary>
        public static void Release(StringBuilder sb, int maxKept)
        {
            if (sb.Capacity <= maxKept)
            {
                t_cached = sb;
            }
        }
    }
}
