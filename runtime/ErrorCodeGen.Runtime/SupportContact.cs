using System;
using System.Collections.Generic;

namespace ErrorCodeGen
{
    /// <summary>Where the vendor says to get help, and what to send with the request for it (the catalog's <c>provider.support</c>).</summary>
    public sealed class SupportContact
    {
        private static readonly string[] s_none = new string[0];

        /// <summary>Creates the support facts.</summary>
        /// <param name="contact">Whom to contact: an e-mail address, a URL or the name of a channel.</param>
        /// <param name="include">What to send with the request for help, such as <c>the full error response</c> or <c>your job_id</c>.</param>
        /// <param name="text">The advice in one plain-text paragraph, as the remediation shows it; made from the two above when null.</param>
        public SupportContact(string contact, IReadOnlyList<string>? include = null, string? text = null)
        {
            Contact = contact ?? throw new ArgumentNullException(nameof(contact));
            Include = include ?? s_none;
            Text = text ?? Describe(contact, Include);
        }

        /// <summary>Whom to contact: an e-mail address, a URL or the name of a channel.</summary>
        public string Contact { get; }

        /// <summary>What to send with the request for help.</summary>
        public IReadOnlyList<string> Include { get; }

        /// <summary>The advice as one plain-text paragraph (the last paragraph of <see cref="ApiErrorException.Remediation"/>).</summary>
        public string Text { get; }

        /// <inheritdoc/>
        public override string ToString() => Text;

        private static string Describe(string contact, IReadOnlyList<string> include)
        {
            string text = "Support: " + contact;
            if (include.Count == 0)
            {
                return text + ".";
            }

            var items = new string[include.Count];
            for (int i = 0; i < items.Length; i++)
            {
                items[i] = include[i];
            }

            return text + "; send " + string.Join(", ", items) + ".";
        }
    }
}
