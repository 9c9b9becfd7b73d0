using System;
using System.Text;

namespace ErrorCodeGen
{
    /// <summary>
    /// Masks credentials in server text by their shape, in one pass and without regular expressions:
    /// <list type="bullet">
    /// <item><description>the value of any name that contains a secret-like word (<see cref="s_secretWords"/>; except in a whole part of the name that is a common word naming no secret, <see cref="IsOrdinaryWordAt"/>), in any case and
    /// separator style, quoted or not, URL-encoded or not: <c>client_secret=…</c>, <c>"refresh_token": "…"</c>,
    /// <c>X_API_KEY=…</c>, <c>token%3D…</c>, <c>Cookie: session=…</c>; a quoted value is masked whole;</description></item>
    /// <item><description>the credential after an authorization scheme: <c>Bearer …</c>, <c>Basic …</c>, <c>Bearer: …</c>, <c>bearer=…</c>;</description></item>
    /// <item><description>JSON Web Tokens (<c>eyJ…</c>) and keys with the well-known prefixes of AI and cloud vendors
    /// (<see cref="s_keyPrefixes"/>), wherever they stand.</description></item>
    /// </list>
    /// Text with none of these shapes is returned as it is, without allocating.
    /// </summary>
    internal static class SecretMasker
    {
        public const string Mask = "***";

        /// <summary>A name that contains one of these (ignoring case) has a secret value.</summary>
        private static readonly string[] s_secretWords =
        {
            "key", "token", "secret", "password", "passwd", "pwd", "auth", "session", "cookie", "signature", "sig", "credential",
            "bearer",
        };

        /// <summary>Authorization schemes whose next word is a credential.</summary>
        private static readonly string[] s_schemes = { "bearer", "basic", "token", "digest" };

        /// <summary>
        /// Prefixes of API keys and tokens (OpenAI, Anthropic, Stability and others use <c>sk-</c>; Stripe <c>sk_</c>/<c>rk_</c>;
        /// GitHub, GitLab, Slack, Hugging Face, Replicate, Groq, Perplexity, NVIDIA, npm, AWS access key ids, Google API keys
        /// and OAuth tokens). The prefix is kept, the rest masked.
        /// </summary>
        private static readonly string[] s_keyPrefixes =
        {
            "sk-", "sk_", "rk_", "ghp_", "gho_", "ghu_", "ghs_", "ghr_", "github_pat_", "glpat-", "xoxb-", "xoxp-", "xoxa-",
            "xoxs-", "xapp-", "hf_", "r8_", "gsk_", "pplx-", "nvapi-", "npm_", "AKIA", "ASIA", "AIza", "ya29.",
        };

        /// <summary>
        /// <see cref="s_keyPrefixes"/> by their first character (ASCII only), in their order: a word is compared with the few
        /// that start as it does, not with all of them (words starting with <c>s</c>, <c>r</c>, <c>p</c> or <c>e</c> are
        /// common in any message, and comparing each with every prefix was most of the cost of masking one).
        /// </summary>
        private static readonly string[]?[] s_keyPrefixesByFirst = ByFirstChar(s_keyPrefixes);

        private static string[]?[] ByFirstChar(string[] prefixes)
        {
            var groups = new string[]?[128];
            foreach (string prefix in prefixes)
            {
                string[]? group = groups[prefix[0]];
                if (group is null)
                {
                    groups[prefix[0]] = new[] { prefix };
                }
                else
                {
                    Array.Resize(ref group, group.Length + 1);
                    group[group.Length - 1] = prefix;
                    groups[prefix[0]] = group;
                }
            }

            return groups;
        }

        /// <summary>Characters after a key prefix needed before a word counts as a key (so <c>sk-learn</c> stays).</summary>
        private const int MinKeyBody = 8;

        /// <summary>Whether <paramref name="text"/> has any shape that <see cref="Redact"/> masks.</summary>
        public static bool HasSecret(string text) => !ReferenceEquals(Redact(text), text);

        /// <summary>Masks every credential-shaped part of <paramref name="text"/>; returns the same instance when there is none.</summary>
        public static string Redact(string text) => RedactCore(text, keysOnly: false);

        /// <summary>
        /// Masks only keys with a known prefix and JSON Web Tokens (no name or scheme rules): the pass over text as it came,
        /// before invisible characters are removed (<see cref="TextExcerpt"/>), where a word boundary they make is still seen.
        /// </summary>
        public static string RedactKeys(string text) => RedactCore(text, keysOnly: true);

        private static string RedactCore(string text, bool keysOnly)
        {
            if (string.IsNullOrEmpty(text))
            {
                return text;
            }

            StringBuilder? sb = null;
            int copied = 0;
            int i = 0;
            while (i < text.Length)
            {
                // A JSON escape (\n, \", \u0041) in raw JSON text separates words like the character it stands for.
                int escape = EscapeLength(text, i);
                if (escape > 0)
                {
                    i += escape;
                    continue;
                }

                if (!IsWordChar(text[i]))
                {
                    // A percent-encoded byte separates words too: "%20sk-proj-…" starts a key at the "s", not at the "2".
                    i += IsPercentByte(text, i) ? 3 : 1;
                    continue;
                }

                int wordEnd = i;
                while (wordEnd < text.Length && IsWordChar(text[wordEnd]))
                {
                    wordEnd++;
                }

                if (TryMaskAt(text, i, wordEnd, keysOnly, out int maskStart, out int maskEnd) && maskEnd > maskStart)
                {
                    sb ??= new StringBuilder(text.Length);
                    sb.Append(text, copied, maskStart - copied).Append(Mask);
                    copied = maskEnd;
                    i = maskEnd;
                    continue;
                }

                i = wordEnd;
            }

            if (sb is null)
            {
                return text;
            }

            sb.Append(text, copied, text.Length - copied);
            return sb.ToString();
        }

        /// <summary>Decides what to mask for the word at <paramref name="start"/>..<paramref name="end"/>.</summary>
        private static bool TryMaskAt(string text, int start, int end, bool keysOnly, out int maskStart, out int maskEnd)
        {
            maskStart = maskEnd = 0;

            // A key with a known prefix, or a JWT: the token itself.
            int prefix = KeyPrefixLength(text, start);
            if (prefix >= 0)
            {
                int tokenEnd = TokenEnd(text, start);
                bool cut = tokenEnd < text.Length && text[tokenEnd] == '…';
                if (tokenEnd - start - prefix >= MinKeyBody || (cut && tokenEnd - start > prefix))
                {
                    maskStart = start + prefix;
                    maskEnd = tokenEnd;
                    return true;
                }
            }

            if (keysOnly)
            {
                return false;
            }

            // name <sep> value, where the name has a secret-like word or is an authorization scheme.
            bool scheme = IsScheme(text, start, end);
            int valueStart = AfterSeparator(text, end);
            if (valueStart >= 0 && (scheme || HasSecretWord(text, start, end, valueStart)))
            {
                bool masked = MaskValue(text, valueStart, out maskStart, out maskEnd);
                if (masked && ContainsIgnoreCase(text, start, end, "cookie"))
                {
                    // A cookie header's value is every cookie in it: "Cookie: theme=dark; sid=…".
                    maskEnd = CookiesEnd(text, maskEnd);
                }

                return masked;
            }

            // scheme <spaces> credential: "Bearer abc", "Basic dXNl…". After the word "token" only something that looks
            // generated counts, so that "Token expired" stays.
            if (scheme)
            {
                int next = SkipSpaces(text, end);
                if (next > end && next < text.Length && QuoteAt(text, next) != null)
                {
                    // "Bearer "…"": the quoted credential, unless it is a name ("Token \"id_pwd\": …", which the name rule
                    // masks when the loop reaches it); after a bare "Token", only something that looks generated.
                    return MaskValue(text, next, out maskStart, out maskEnd)
                        && AfterSeparator(text, maskEnd) < 0
                        && (!EqualsIgnoreCase(text, start, end, "token") || LooksGenerated(text, maskStart, maskEnd));
                }

                if (next > end && next < text.Length && IsTokenChar(text[next]))
                {
                    int credentialEnd = TokenEnd(text, next);
                    bool bare = EqualsIgnoreCase(text, start, end, "token");

                    // "Token api_key: …" names a field: the name rule masks its value when the loop reaches it. After "Basic",
                    // anything but one word of prose ("Basic dXNlcjpwdw==" is masked, "Basic plan" is not).
                    bool isName = AfterSeparator(text, credentialEnd) >= 0;
                    bool basic = EqualsIgnoreCase(text, start, end, "basic");
                    if (!isName && (!bare || LooksGenerated(text, next, credentialEnd)) && (!basic || MayBeBasicCredential(text, next, credentialEnd)))
                    {
                        maskStart = next;
                        maskEnd = credentialEnd;
                        return !IsMask(text, maskStart, maskEnd);
                    }
                }
            }

            return false;
        }

        /// <summary>
        /// After a name: an optional closing quote (<c>"</c>, <c>'</c>, <c>\"</c>, <c>%22</c>, <c>%27</c>), spaces, then
        /// <c>:</c>, <c>=</c>, <c>%3A</c> or <c>%3D</c>, then spaces. Returns where the value starts, or -1.
        /// </summary>
        private static int AfterSeparator(string text, int i)
        {
            i = SkipQuote(text, i);
            i = SkipSpaces(text, i);
            if (i >= text.Length)
            {
                return -1;
            }

            if (text[i] == ':')
            {
                i++;
            }
            else if (text[i] == '=')
            {
                // Ruby's and PHP's "api_key" => "…" too.
                i += i + 1 < text.Length && text[i + 1] == '>' ? 2 : 1;
            }
            else if (IsPercent(text, i, '3', 'A') || IsPercent(text, i, '3', 'D'))
            {
                i += 3;
            }
            else
            {
                return -1;
            }

            return SkipSpaces(text, i);
        }

        /// <summary>How many names in a row, each the value of the one before (<c>credentials: password: …</c>), are masked with their value.</summary>
        private const int MaxNestedNames = 4;

        /// <summary>
        /// Masks the value at <paramref name="i"/>: a bracketed value (<c>[…]</c>, <c>(…)</c>, <c>{…}</c>, <c>&lt;…&gt;</c>) up to
        /// its closing bracket, a quoted value whole, else up to a delimiter; an unquoted value that is itself a name
        /// followed by a separator (<c>credentials: password: hunter2</c>) with that name's value.
        /// </summary>
        private static bool MaskValue(string text, int i, out int maskStart, out int maskEnd)
            => MaskValue(text, i, 0, out maskStart, out maskEnd);

        private static bool MaskValue(string text, int i, int nested, out int maskStart, out int maskEnd)
        {
            maskStart = maskEnd = i;
            if (i >= text.Length)
            {
                return false;
            }

            char bracket = ClosingBracket(text[i]);
            if (bracket != '\0')
            {
                maskStart = i + 1;
                maskEnd = MatchingClose(text, i, bracket);
                return maskEnd > maskStart && !IsMask(text, maskStart, maskEnd);
            }

            string? close = QuoteAt(text, i);
            if (close != null)
            {
                maskStart = i + close.Length;
                int end = text.IndexOf(close, maskStart, StringComparison.OrdinalIgnoreCase);
                if (close == "\"" || close == "'")
                {
                    // A backslash-escaped quote does not close the value.
                    while (end > 0 && text[end - 1] == '\\' && !(end - 2 >= maskStart && text[end - 2] == '\\'))
                    {
                        end = text.IndexOf(close, end + 1, StringComparison.Ordinal);
                    }
                }

                maskEnd = end < 0 ? text.Length : end;
                return maskEnd > maskStart && !IsMask(text, maskStart, maskEnd);
            }

            int j = i;
            while (j < text.Length && !IsValueDelimiter(text, j))
            {
                j++;
            }

            // "Authorization: Bearer abc": the scheme and the credential after it; a quoted credential too; and after a word
            // that may be a scheme of its own ("Authorization: Key …", "ApiKey …", "SSWS …"), a credential that looks generated.
            int next = SkipSpaces(text, j);
            if (next > j && next < text.Length)
            {
                bool known = IsScheme(text, i, j);
                if ((known || MayBeScheme(text, i, j)) && QuoteAt(text, next) != null
                    && MaskValue(text, next, nested + 1, out _, out int quotedEnd) && AfterSeparator(text, quotedEnd) < 0)
                {
                    j = quotedEnd;
                }
                else if (IsTokenChar(text[next]) && (known || (MayBeScheme(text, i, j) && LooksGenerated(text, next, TokenEnd(text, next)))))
                {
                    j = next;
                    while (j < text.Length && !IsValueDelimiter(text, j))
                    {
                        j++;
                    }
                }
            }

            // A value that is itself a name ("credentials: password: hunter2", "sig= X-Api-Key: …"): the secret is that
            // name's value, so it is masked with it.
            if (nested < MaxNestedNames && j > i)
            {
                int further = text[j - 1] == ':' || text[j - 1] == '=' ? SkipSpaces(text, j) : AfterSeparator(text, j);
                if (further > j - 1 && further < text.Length && MaskValue(text, further, nested + 1, out _, out int furtherEnd))
                {
                    j = furtherEnd;
                }
            }

            maskEnd = j;
            return maskEnd > maskStart && !IsMask(text, maskStart, maskEnd);
        }

        /// <summary>A word of at most 20 letters, <c>-</c> or <c>_</c> (no digits): it may be an authorization scheme (<c>Key</c>, <c>ApiKey</c>, <c>SSWS</c>).</summary>
        private static bool MayBeScheme(string text, int start, int end)
        {
            if (end - start == 0 || end - start > 20)
            {
                return false;
            }

            for (int k = start; k < end; k++)
            {
                char c = text[k];
                if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '-' || c == '_'))
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>After a cookie's value at <paramref name="i"/>: the end of the cookies that follow it (<c>; name=value</c>, each).</summary>
        private static int CookiesEnd(string text, int i)
        {
            for (int guard = 0; guard < 64; guard++)
            {
                int k = i < text.Length && text[i] == '"' ? i + 1 : i;
                if (k >= text.Length || text[k] != ';')
                {
                    return i;
                }

                int name = SkipSpaces(text, k + 1);
                int nameEnd = name;
                while (nameEnd < text.Length && (IsTokenChar(text[nameEnd]) && text[nameEnd] != '=' || text[nameEnd] == '%'))
                {
                    nameEnd++;
                }

                if (nameEnd == name || nameEnd >= text.Length || text[nameEnd] != '=' || !MaskValue(text, nameEnd + 1, out _, out int valueEnd))
                {
                    return i;
                }

                i = valueEnd;
            }

            return i;
        }

        private static bool ContainsIgnoreCase(string text, int start, int end, string word)
            => IndexOfIgnoreCase(text, start, end, word) >= 0;

        /// <summary>Where <paramref name="word"/> first stands (ignoring case) in <paramref name="start"/>..<paramref name="end"/>, or -1.</summary>
        private static int IndexOfIgnoreCase(string text, int start, int end, string word)
        {
            for (int k = start; k + word.Length <= end; k++)
            {
                if (string.Compare(text, k, word, 0, word.Length, StringComparison.OrdinalIgnoreCase) == 0)
                {
                    return k;
                }
            }

            return -1;
        }

        /// <summary>The bracket that closes <paramref name="open"/>, or <c>\0</c> when it opens none.</summary>
        private static char ClosingBracket(char open)
        {
            switch (open)
            {
                case '[':
                    return ']';
                case '(':
                    return ')';
                case '{':
                    return '}';
                case '<':
                    return '>';
                default:
                    return '\0';
            }
        }

        /// <summary>Where the bracket at <paramref name="open"/> closes (brackets of its kind nest), or the end of the text.</summary>
        private static int MatchingClose(string text, int open, char close)
        {
            char opening = text[open];
            int depth = 0;
            for (int k = open; k < text.Length; k++)
            {
                if (text[k] == opening)
                {
                    depth++;
                }
                else if (text[k] == close && --depth == 0)
                {
                    return k;
                }
            }

            return text.Length;
        }

        private static int EscapeLength(string text, int i)
        {
            if (text[i] != '\\' || i + 1 >= text.Length)
            {
                return 0;
            }

            char c = text[i + 1];
            if (c == 'u')
            {
                return i + 5 < text.Length ? 6 : 0;
            }

            return c == 'n' || c == 'r' || c == 't' || c == 'b' || c == 'f' || c == '/' || c == '\\' || c == '"' || c == '\'' ? 2 : 0;
        }

        /// <summary>
        /// The quote at <paramref name="i"/>, as written: <c>"</c>, <c>'</c>, <c>%22</c>, <c>%27</c>, or one escaped once or more
        /// in JSON text (<c>\"</c>, <c>\\\"</c>, <c>\u0022</c>, <c>\\\u0022</c>); <see langword="null"/> when there is none.
        /// </summary>
        private static string? QuoteAt(string text, int i)
        {
            if (IsPercent(text, i, '2', '2'))
            {
                return "%22";
            }

            if (IsPercent(text, i, '2', '7'))
            {
                return "%27";
            }

            int j = i;
            while (j < text.Length && text[j] == '\\')
            {
                j++;
            }

            if (j < text.Length && (text[j] == '"' || text[j] == '\''))
            {
                return text.Substring(i, j + 1 - i);
            }

            // \u0022 or \u0027: the last backslash is the escape's own.
            if (j > i && j + 4 < text.Length && text[j] == 'u' && text[j + 1] == '0' && text[j + 2] == '0' && text[j + 3] == '2'
                && (text[j + 4] == '2' || text[j + 4] == '7'))
            {
                return text.Substring(i, j + 5 - i);
            }

            return null;
        }

        private static int SkipQuote(string text, int i)
        {
            if (i >= text.Length)
            {
                return i;
            }

            string? quote = QuoteAt(text, i);
            return quote is null ? i : i + quote.Length;
        }

        private static bool IsValueDelimiter(string text, int i)
        {
            char c = text[i];
            switch (c)
            {
                case ',':
                case ';':
                case '&':
                case '"':
                case '\'':
                case '<':
                case '>':
                case '(':
                case ')':
                case '{':
                case '}':
                case '[':
                case ']':
                case '\\':
                    return true;
                case '%':
                    // An encoded quote, ampersand or comma ends a URL-encoded value.
                    return IsPercent(text, i, '2', '2') || IsPercent(text, i, '2', '7') || IsPercent(text, i, '2', '6') || IsPercent(text, i, '2', 'C');
                default:
                    return char.IsWhiteSpace(c);
            }
        }

        /// <summary>The length of the key prefix at <paramref name="start"/> (kept visible), 0 for a JWT (nothing kept), or -1.</summary>
        private static int KeyPrefixLength(string text, int start)
        {
            char first = text[start];

            // A JWT: a base64url JSON header, always "eyJ" ('{"'), then at least four more characters.
            if (first == 'e' && string.CompareOrdinal(text, start, "eyJ", 0, 3) == 0 && TokenEnd(text, start) - start >= 3 + 4)
            {
                return 0;
            }

            string[]? candidates = first < s_keyPrefixesByFirst.Length ? s_keyPrefixesByFirst[first] : null;
            if (candidates is null)
            {
                return -1;
            }

            foreach (string p in candidates)
            {
                if (start + p.Length <= text.Length && string.CompareOrdinal(text, start, p, 0, p.Length) == 0)
                {
                    return p.Length;
                }
            }

            return -1;
        }

        /// <summary>The end of the token at <paramref name="i"/>: token characters and percent-encoded bytes (<c>%3D</c>).</summary>
        private static int TokenEnd(string text, int i)
        {
            while (i < text.Length)
            {
                if (IsTokenChar(text[i]))
                {
                    i++;
                }
                else if (text[i] == '%' && i + 2 < text.Length && IsHex(text[i + 1]) && IsHex(text[i + 2]))
                {
                    i += 3;
                }
                else
                {
                    break;
                }
            }

            // A sentence's full stop is not part of the token.
            while (i > 0 && text[i - 1] == '.')
            {
                i--;
            }

            return i;
        }

        /// <summary>
        /// Whether the word after <c>Basic</c> may be a credential: anything but a word of prose, which is letters only, at most
        /// sixteen, all small after an optional capital (<c>plan</c>, <c>Plan</c>). Base64 of a <c>user:password</c> pair almost
        /// never has that shape (<c>ZGVtbzpmenkx</c>, <c>QUJDREVG</c>, <c>dXNlcjpwdw==</c> are masked).
        /// </summary>
        private static bool MayBeBasicCredential(string text, int start, int end)
        {
            if (end - start > 16)
            {
                return true;
            }

            for (int i = start; i < end; i++)
            {
                char c = text[i];
                bool prose = (c >= 'a' && c <= 'z') || (i == start && c >= 'A' && c <= 'Z');
                if (!prose)
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>Twenty characters or more, or eight or more with both letters and digits.</summary>
        private static bool LooksGenerated(string text, int start, int end)
        {
            if (end - start >= 20)
            {
                return true;
            }

            bool letter = false, digit = false;
            for (int i = start; i < end; i++)
            {
                letter |= char.IsLetter(text[i]);
                digit |= char.IsDigit(text[i]);
            }

            return end - start >= 8 && letter && digit;
        }

        /// <summary>
        /// Whether the name at <paramref name="start"/>..<paramref name="end"/> has a secret-like word that is not, where it
        /// stands, part of a common word that names no secret (<see cref="IsOrdinaryWordAt"/>).
        /// </summary>
        private static bool HasSecretWord(string text, int start, int end, int valueStart)
        {
            foreach (string word in s_secretWords)
            {
                int from = start;
                while (from <= end - word.Length)
                {
                    int at = IndexOfIgnoreCase(text, from, end, word);
                    if (at < 0)
                    {
                        break;
                    }

                    if (!IsOrdinaryWordAt(text, start, at, word, end, valueStart))
                    {
                        return true;
                    }

                    from = at + 1;
                }
            }

            return false;
        }

        /// <summary>
        /// The common words, each a whole part of a name, that begin with a secret-like word but name no secret.
        /// </summary>
        private static readonly string[] s_ordinaryWords = { "keyframe", "keyframes", "keyword", "keywords", "sigma", "sigmas", "signal", "signals", "author", "authors", "authority" };

        /// <summary>
        /// Where a secret-like word stands in a whole part of the name (from its start, a separator, a digit or a camelCase
        /// capital, to the next) that is a common word naming no secret, its letters in one case (<see cref="s_ordinaryWords"/>:
        /// <c>sigma_min</c>, <c>keyframes</c>, <c>Author</c>; not <c>apikeyframes</c>, <c>keyvalue</c> or <c>sighash</c>); or
        /// where it is a count of tokens (<c>tokens</c>, <c>token_count</c>, <c>token-limit</c>, <c>tokenLimit</c> as whole
        /// parts: <c>max_tokens</c>, <c>promptTokens</c>) whose value is a whole number (<c>max_tokens: 4096</c>).
        /// </summary>
        private static bool IsOrdinaryWordAt(string text, int start, int at, string word, int end, int valueStart)
        {
            if (!IsPartStart(text, start, at))
            {
                return false;
            }

            if (word == "token")
            {
                int after = at + word.Length;
                bool count = PartIs(text, at, end, "tokens");
                if (!count && SameCase(text, at, after))
                {
                    // "token_count", "token-limit", "tokenCount": the next part is the count word.
                    int k = after < end && (text[after] == '_' || text[after] == '-') ? after + 1 : after;
                    bool separated = k > after || (k < end && char.IsUpper(text[k]) && char.IsLower(text[after - 1]));
                    count = separated && (PartIs(text, k, end, "count") || PartIs(text, k, end, "limit"));
                }

                return count && IsWholeNumber(text, valueStart);
            }

            foreach (string ordinary in s_ordinaryWords)
            {
                if (ordinary.StartsWith(word, StringComparison.Ordinal) && PartIs(text, at, end, ordinary))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>Whether a part of a name starts at <paramref name="at"/>: the name's start, after a character that is no letter, or a capital after a small letter.</summary>
        private static bool IsPartStart(string text, int start, int at)
            => at == start || !char.IsLetter(text[at - 1]) || (char.IsUpper(text[at]) && char.IsLower(text[at - 1]));

        /// <summary>
        /// Whether the part of the name at <paramref name="at"/> is exactly <paramref name="word"/> (ignoring case), its letters in
        /// one case after the first (<c>sigma</c>, <c>Sigma</c>, <c>SIGMA</c>), and then the part ends: the name's end, a
        /// character that is no letter, or a capital after a small letter.
        /// </summary>
        private static bool PartIs(string text, int at, int end, string word)
        {
            int after = at + word.Length;
            if (after > end || !EqualsIgnoreCase(text, at, after, word) || !SameCase(text, at, after))
            {
                return false;
            }

            return after == end || !char.IsLetter(text[after]) || (char.IsUpper(text[after]) && char.IsLower(text[after - 1]));
        }

        /// <summary>Whether the letters after the first of <paramref name="at"/>..<paramref name="after"/> are all small or all capitals.</summary>
        private static bool SameCase(string text, int at, int after)
        {
            bool lower = false, upper = false;
            for (int k = at + 1; k < after; k++)
            {
                lower |= char.IsLower(text[k]);
                upper |= char.IsUpper(text[k]);
            }

            return !(lower && upper);
        }

        /// <summary>
        /// A whole number of at most nine digits at <paramref name="i"/>, quoted (any quote the masker knows: <c>"</c>,
        /// <c>'</c>, <c>\"</c>, <c>%22</c>) or not, and then the value ends: not more of a token, and not a name with a value
        /// of its own (<c>tokens: 12: hunter2</c>).
        /// </summary>
        private static bool IsWholeNumber(string text, int i)
        {
            string? close = i < text.Length ? QuoteAt(text, i) : null;
            int k = close is null ? i : i + close.Length;
            int digits = 0;
            while (k < text.Length && text[k] >= '0' && text[k] <= '9')
            {
                k++;
                digits++;
            }

            if (digits == 0 || digits > 9)
            {
                return false;
            }

            if (close != null)
            {
                if (k + close.Length > text.Length || string.CompareOrdinal(text, k, close, 0, close.Length) != 0)
                {
                    return false;
                }

                k += close.Length;
            }
            else if (k < text.Length && IsTokenChar(text[k]) && !(text[k] == '.' && (k + 1 == text.Length || !IsTokenChar(text[k + 1]))))
            {
                return false;
            }

            return AfterSeparator(text, k) < 0;
        }

        private static bool IsScheme(string text, int start, int end)
        {
            foreach (string scheme in s_schemes)
            {
                if (EqualsIgnoreCase(text, start, end, scheme))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool EqualsIgnoreCase(string text, int start, int end, string word)
            => end - start == word.Length && string.Compare(text, start, word, 0, word.Length, StringComparison.OrdinalIgnoreCase) == 0;

        private static bool IsMask(string text, int start, int end)
            => end - start == Mask.Length && string.CompareOrdinal(text, start, Mask, 0, Mask.Length) == 0;

        private static bool IsPercent(string text, int i, char hi, char lo)
            => i + 2 < text.Length && text[i] == '%' && text[i + 1] == hi && char.ToUpperInvariant(text[i + 2]) == lo;

        /// <summary>Past white space of any kind (line breaks and Unicode spaces too: text may come here before it is one line).</summary>
        private static int SkipSpaces(string text, int i)
        {
            while (i < text.Length && IsSpace(text[i]))
            {
                i++;
            }

            return i;
        }

        private static bool IsPercentByte(string text, int i)
            => text[i] == '%' && i + 2 < text.Length && IsHex(text[i + 1]) && IsHex(text[i + 2]);

        private static bool IsSpace(char c) => c <= ' ' ? c == ' ' || (c >= '\t' && c <= '\r') : c >= '\u0085' && char.IsWhiteSpace(c);

        private static bool IsHex(char c) => (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');

        /// <summary>Characters of a name: letters, digits, <c>_</c> and <c>-</c>.</summary>
        private static bool IsWordChar(char c) => (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-';

        /// <summary>Characters of a token or key: a name's, and <c>. ~ + / =</c> (base64 and JWT).</summary>
        private static bool IsTokenChar(char c) => IsWordChar(c) || c == '.' || c == '~' || c == '+' || c == '/' || c == '=';
    }
}
