using System.Globalization;
using System.Text;
using Microsoft.CodeAnalysis.CSharp;

namespace ErrorCodeGen.Generator.Parsing
{
    /// <summary>Turns wire codes and vendor names into stable, valid C# identifiers.</summary>
    internal static class IdentifierFactory
    {
        /// <summary>
        /// PascalCase from any name: words split at anything that is not a letter or digit (camelCase words such as
        /// <c>invalidApiKey</c> just get a capital first letter); ALL-CAPS words are title-cased (<c>INVALID_DATASET_ID</c> →
        /// <c>InvalidDatasetId</c>); mixed-case words keep their inner capitals (<c>ComfyUIConnectionError</c> stays).
        /// A leading digit gets a <c>Code</c> prefix (<c>1xx</c> → <c>Code1xx</c>). Returns "" when nothing is left.
        /// </summary>
        public static string ToPascalCase(string raw)
        {
            var result = new StringBuilder(raw.Length);
            var word = new StringBuilder();
            for (int i = 0; i < raw.Length; i++)
            {
                char c = raw[i];
                if (IsIdentifierPart(c))
                {
                    word.Append(c);
                }
                else
                {
                    AppendWord(result, word);
                }
            }

            AppendWord(result, word);
            if (result.Length > 0 && !SyntaxFacts.IsIdentifierStartCharacter(result[0]))
            {
                result.Insert(0, "Code");
            }

            return result.ToString();
        }

        /// <summary>Whether <paramref name="name"/> is a valid C# identifier that is not a keyword.</summary>
        public static bool IsValidIdentifier(string name, out string reason)
        {
            if (name.Length == 0)
            {
                reason = "it is empty";
                return false;
            }

            if (!SyntaxFacts.IsValidIdentifier(name))
            {
                reason = "it must start with a letter or '_' and contain only letters, digits and '_'";
                return false;
            }

            if (SyntaxFacts.GetKeywordKind(name) != SyntaxKind.None || SyntaxFacts.GetContextualKeywordKind(name) != SyntaxKind.None)
            {
                reason = "it is a C# keyword";
                return false;
            }

            if (name.StartsWith("__", System.StringComparison.Ordinal))
            {
                reason = "names starting with '__' are reserved";
                return false;
            }

            reason = string.Empty;
            return true;
        }

        /// <summary>Whether <paramref name="value"/> is a dotted namespace of valid identifiers (<c>Contoso.Sdk.Errors</c>).</summary>
        public static bool IsValidNamespace(string value)
        {
            foreach (string part in value.Split('.'))
            {
                // Contextual keywords (record, async, …) are fine in a namespace; reserved keywords are not.
                if (!SyntaxFacts.IsValidIdentifier(part) || SyntaxFacts.GetKeywordKind(part) != SyntaxKind.None)
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>
        /// A namespace from a project name: characters that cannot be in an identifier become <c>_</c>, parts starting
        /// with a digit or being a keyword get a leading <c>_</c>, and empty parts are dropped (<c>my-app.2</c> → <c>my_app._2</c>).
        /// </summary>
        public static string SanitizeNamespace(string value)
        {
            var parts = new System.Collections.Generic.List<string>();
            foreach (string raw in value.Split('.'))
            {
                var sb = new StringBuilder(raw.Length + 1);
                foreach (char c in raw.Trim())
                {
                    sb.Append(SyntaxFacts.IsIdentifierPartCharacter(c) ? c : '_');
                }

                if (sb.Length == 0)
                {
                    continue;
                }

                string part = sb.ToString();
                if (!SyntaxFacts.IsIdentifierStartCharacter(part[0]) || SyntaxFacts.GetKeywordKind(part) != SyntaxKind.None)
                {
                    part = "_" + part;
                }

                parts.Add(part);
            }

            // Nothing of an identifier in it at all ("...", "-"): one underscore, as for a part with no valid first character.
            return parts.Count == 0 ? "_" : string.Join(".", parts);
        }

        private static bool IsIdentifierPart(char c)
        {
            UnicodeCategory category = CharUnicodeInfo.GetUnicodeCategory(c);
            switch (category)
            {
                case UnicodeCategory.UppercaseLetter:
                case UnicodeCategory.LowercaseLetter:
                case UnicodeCategory.TitlecaseLetter:
                case UnicodeCategory.ModifierLetter:
                case UnicodeCategory.OtherLetter:
                case UnicodeCategory.LetterNumber:
                case UnicodeCategory.DecimalDigitNumber:
                    return true;
                default:
                    return false;
            }
        }

        private static void AppendWord(StringBuilder result, StringBuilder word)
        {
            if (word.Length == 0)
            {
                return;
            }

            string w = word.ToString();
            word.Clear();
            bool hasLower = false, hasUpper = false;
            foreach (char c in w)
            {
                hasLower |= char.IsLower(c);
                hasUpper |= char.IsUpper(c);
            }

            if (hasUpper && !hasLower)
            {
                // ALL-CAPS (INVALID, FLUX2): title-case it.
                result.Append(w[0]).Append(w.Substring(1).ToLowerInvariant());
            }
            else
            {
                // lower or mixed (invalid, apiKey, ComfyUI): capitalise the first letter, keep the rest.
                result.Append(char.ToUpperInvariant(w[0])).Append(w, 1, w.Length - 1);
            }
        }
    }
}
