using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using ErrorCodeGen;
using NUnit.Framework;

namespace ErrorCodeGen.Runtime.Tests;

/// <summary>Secrets echoed by a server are masked by their shape in every message, whatever field they arrive in.</summary>
public class SecretMaskingTests
{
    private const string Secret = "Zq7xK2mW9pL4vR8tB3nY";

    /// <summary>Each shape named in the hardening issue, with the secret it hides.</summary>
    private static IEnumerable<TestCaseData> Shapes()
    {
        string jwt = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIx" + Secret + ".c2lnbmF0dXJl";
        var cases = new (string Text, string Hidden)[]
        {
            ("token " + jwt + " expired", Secret),
            (jwt, Secret),
            ("client_secret=" + Secret, Secret),
            ("{\"api_token\": \"" + Secret + "\"}", Secret),
            ("{\"refresh_token\":\"" + Secret + "\"}", Secret),
            ("{\"id_token\": \"" + Secret + "\"}", Secret),
            ("X_API_KEY=" + Secret, Secret),
            ("{\"secretKey\": \"" + Secret + "\"}", Secret),
            ("{\"sessionToken\": \"" + Secret + "\"}", Secret),
            ("{\"private_key\": \"-----BEGIN PRIVATE KEY-----" + Secret + "\"}", Secret),
            ("key sk-proj-" + Secret + " is invalid", Secret),
            ("sk-ant-api03-" + Secret, Secret),
            ("ghp_" + Secret + "abcdefghijklmnop", Secret),
            ("aws_secret_access_key=" + Secret + "/AbCdEfGh", Secret),
            ("Cookie: session=" + Secret + "; theme=dark", Secret),
            ("Set-Cookie: sid=" + Secret + "; Path=/", Secret),
            ("Bearer: " + Secret, Secret),
            ("bearer=" + Secret, Secret),
            ("Authorization: Bearer " + Secret, Secret),
            ("Authorization: Basic " + Secret + "==", Secret),
            ("callback https://cdn.example/a.png?sig=" + Secret + "&se=2026", Secret),
            ("redirect?state=1&token%3D" + Secret, Secret),
            ("%22apiKey%22%3A%22" + Secret + "%22", Secret),
            ("{\"password\": \"correct horse " + Secret + " staple\"}", Secret),
            ("{\"password\": \"correct horse battery staple\"}", "horse battery"),
            ("{\\\"apiKey\\\":\\\"" + Secret + "\\\"}", Secret),
            ("passwd: " + Secret, Secret),
            ("PWD=" + Secret, Secret),
            ("x-auth: " + Secret, Secret),
            ("signature='" + Secret + "'", Secret),
            ("credentials = " + Secret, Secret),
            ("AKIAIOSFODNN7" + "EXAMPLE used", "IOSFODNN7EXAMPLE"),
            ("AIzaSyA-" + Secret + "1234567890", Secret),
            ("hf_" + Secret, Secret),
            ("r8_" + Secret, Secret),
            ("xoxb-1234-" + Secret, Secret),
            ("github_pat_11AB" + Secret, Secret),
            ("glpat-" + Secret, Secret),
            ("gsk_" + Secret, Secret),
            ("ya29.a0" + Secret, Secret),
            ("Invalid token: Bearer sk-live-abcdef123456 was refused", "abcdef123456"),
            ("api_key=abcdef123456 is revoked", "abcdef123456"),
            ("{\"apiKey\": \"abcdef123456\"} rejected", "abcdef123456"),

            // Found by an adversarial pass (2026-12-02): a name whose value is another name, percent-encoded word breaks,
            // bracketed values, Ruby/PHP hashes, and an invisible character between a word and a key.
            ("Invalid credentials: password: " + Secret, Secret),
            ("sig= X-Api-Key: " + Secret, Secret),
            ("auth failed; token: password = " + Secret, Secret),
            ("Incorrect%20API%20key%20provided%3A%20sk-proj-" + Secret, Secret),
            ("https%3A%2F%2Fx.com%2Fv1%2Fsk-proj-" + Secret, Secret),
            ("%20eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIx" + Secret + ".c2ln", "eyJhbGciOiJIUzI1NiJ9"),
            ("password=[" + Secret + "]", Secret),
            ("password: (" + Secret + ")", Secret),
            ("token: <" + Secret + ">", Secret),
            ("secret = {" + Secret + "}", Secret),
            ("{\"tokens\": [\"" + Secret + "\", \"other\"]}", Secret),
            ("{\"token\": {\"value\": \"" + Secret + "\"}}", Secret),
            ("params: {\"api_key\"=>\"" + Secret + "\", \"password\"=>\"pw12345678\"}", Secret),
            ("params: {\"api_key\"=>\"abcdef\", \"password\"=>\"" + Secret + "\"}", Secret),
            ("key\u200Bsk-proj-" + Secret, Secret),
            ("token\u200Bhf_" + Secret, Secret),
            ("id\u2060ghp_" + Secret, Secret),
            ("user\u200DAKIA" + Secret.ToUpperInvariant(), Secret.ToUpperInvariant()),

            // A second pass (2026-12-02): a line break or a Unicode space after the scheme, a quoted credential, schemes not
            // on the list, every cookie of a header, and a soft hyphen inside a name.
            ("Authorization: Bearer\n" + Secret, Secret),
            ("Authorization: Bearer\r\n" + Secret, Secret),
            ("Authorization: Bearer\u00A0" + Secret, Secret),
            ("Authorization: Bearer\u2028" + Secret, Secret),
            ("Authorization: Bearer\u3000" + Secret, Secret),
            ("Authorization: Bearer \u200B" + Secret, Secret),
            ("Authorization: Basic\n" + Secret + "==", Secret),
            ("authorization=Bearer\n" + Secret, Secret),
            ("Authorization: Bearer \"" + Secret + "\"", Secret),
            ("Bearer '" + Secret + "' was rejected", Secret),
            ("Authorization: Key " + Secret, Secret),
            ("Authorization: ApiKey " + Secret, Secret),
            ("Authorization: Api-Key " + Secret, Secret),
            ("Authorization: Bot " + Secret, Secret),
            ("Authorization: SSWS " + Secret, Secret),
            ("Cookie: theme=dark; sid=" + Secret, Secret),
            ("Cookie: theme=dark; connect.sid=s%3A" + Secret + "; lang=en", Secret),
            ("to\u00ADken=" + Secret, Secret),

            // The words that name no secret (sigma, keyframes, author, a count of tokens) are narrow: the same names with a
            // secret-shaped value, and the secret names beside them, are masked as before.
            ("max_tokens: " + Secret, Secret),
            ("{\"tokens\": \"" + Secret + "\"}", Secret),
            ("token: 123456", "123456"),
            ("tokens=1234567890123", "1234567890123"),
            ("token_count=12ab34", "12ab34"),
            ("keys: " + Secret, Secret),
            ("keyId=" + Secret, Secret),
            ("monkey=" + Secret, Secret),
            ("authorization: " + Secret, Secret),
            ("authorisation=" + Secret, Secret),
            ("AUTHORIZATION: " + Secret, Secret),
            ("sig_v4=" + Secret, Secret),
            ("urlSig=" + Secret, Secret),
            ("Basic dXNlcjpwYXNzd29yZA== was refused", "dXNlcjpwYXNzd29yZA"),
            ("Basic " + Secret, Secret),

            // A third pass (2026-12-02): the exceptions are whole parts of a name, and a count is a number that ends the value.
            ("keyvalue=" + Secret, Secret),
            ("keypair: " + Secret, Secret),
            ("keydata=" + Secret, Secret),
            ("keyid=" + Secret, Secret),
            ("apikeyvalue=" + Secret, Secret),
            ("apikeyframes=" + Secret, Secret),
            ("{\"keymaterial\": \"" + Secret + "\"}", Secret),
            ("KEYVALUE=" + Secret, Secret),
            ("sigv4=" + Secret, Secret),
            ("sighash=" + Secret, Secret),
            ("authorization_code=" + Secret, Secret),
            ("tokenString=987654", "987654"),
            ("token_counter=123456", "123456"),
            ("tokens: 12: hunter2", "hunter2"),
            ("max_tokens=12=hunter2", "hunter2"),
            ("Basic ZGVtbzpmenkx", "ZGVtbzpmenkx"),
            ("Basic YToxbkds", "YToxbkds"),
            ("Basic QUJDREVG", "QUJDREVG"),
        };
        for (int i = 0; i < cases.Length; i++)
        {
            yield return new TestCaseData(cases[i].Text, cases[i].Hidden).SetName("Masked_" + i.ToString("00"));
        }
    }

    [TestCaseSource(nameof(Shapes))]
    public void A_secret_of_this_shape_never_appears_in_a_message(string text, string hidden)
    {
        string json = JsonSerializer.Serialize(text);
        RunComfyTrainerException ex = RunComfyTrainerErrors.FromResponse(401, "{\"error_code\":42258,\"message\":" + json + "}");

        Assert.That(ex.Message, Does.Not.Contain(hidden));
        Assert.That(ex.ToString(), Does.Not.Contain(hidden));
        Assert.That(ex.Errors[0].ToString(), Does.Not.Contain(hidden));
        Assert.That(ex.Message, Does.Contain("***"));
        Assert.That(ex.ServerMessage, Is.EqualTo(text), "the raw message stays reachable for the caller");
    }

    /// <summary>
    /// Every key prefix the masker knows, each after a word of prose that starts with the same character (the masker looks
    /// a word up among the prefixes of its first character only): the key's body is masked, the prefix and the prose kept.
    /// </summary>
    [TestCase("sk-"), TestCase("sk_"), TestCase("rk_"), TestCase("ghp_"), TestCase("gho_"), TestCase("ghu_"), TestCase("ghs_")]
    [TestCase("ghr_"), TestCase("github_pat_"), TestCase("glpat-"), TestCase("xoxb-"), TestCase("xoxp-"), TestCase("xoxa-")]
    [TestCase("xoxs-"), TestCase("xapp-"), TestCase("hf_"), TestCase("r8_"), TestCase("gsk_"), TestCase("pplx-"), TestCase("nvapi-")]
    [TestCase("npm_"), TestCase("AKIA"), TestCase("ASIA"), TestCase("AIza"), TestCase("ya29.")]
    public void Every_known_key_prefix_is_masked(string prefix)
    {
        string body = prefix.StartsWith("A", StringComparison.Ordinal) ? Secret.ToUpperInvariant() : Secret;
        string prose = prefix[0] + "ample";
        string text = prose + " " + prefix + body + " rejected";

        string masked = SecretMasker.Redact(text);

        Assert.That(masked, Is.EqualTo(prose + " " + prefix + SecretMasker.Mask + " rejected"));
    }

    [Test]
    public void A_secret_in_the_code_is_masked_too()
    {
        CmfyCloudException ex = CmfyCloudErrors.FromResponse(401, "{\"error\":{\"code\":\"sk-proj-" + Secret + "\"}}");

        Assert.That(ex.RawCode, Does.Contain(Secret));
        Assert.That(ex.Message, Does.Not.Contain(Secret));
        Assert.That(ex.Errors[0].ToString(), Does.Not.Contain(Secret));
    }

    [Test]
    public void A_token_that_straddles_the_message_window_shows_none_of_itself()
    {
        for (int pad = 250; pad < 320; pad++)
        {
            string text = new string('a', pad) + " api_key=" + Secret + Secret;
            RunComfyTrainerException ex = RunComfyTrainerErrors.FromResponse(401, "{\"error_code\":42258,\"message\":" + JsonSerializer.Serialize(text) + "}");
            Assert.That(ex.Message, Does.Not.Contain(Secret.Substring(0, 4)), $"pad {pad}");

            string prefixed = new string('b', pad) + " sk-proj-" + Secret + Secret;
            RunComfyTrainerException ex2 = RunComfyTrainerErrors.FromResponse(401, "{\"error_code\":42258,\"message\":" + JsonSerializer.Serialize(prefixed) + "}");
            Assert.That(ex2.Message, Does.Not.Contain(Secret.Substring(0, 4)), $"pad {pad}");
        }
    }

    [TestCase("Missing parameter: positivePrompt")]
    [TestCase("Invalid API key. Get one at https://my.runware.ai/signup")]
    [TestCase("Token expired")]
    [TestCase("The task-sk model is busy")]
    [TestCase("scikit: sk-learn failed")]
    [TestCase("Dataset 'designs' not found")]
    [TestCase("Bad request: width must be a multiple of 64 (got 100)")]
    [TestCase("Invalid value for prompt: (empty)")]
    [TestCase("Rate limit exceeded. Try again in 20s")]
    [TestCase("Token 'abc' expired")]
    [TestCase("Token \"draft\" is not a valid model version")]
    [TestCase("Invalid value for max_tokens: 5000 (maximum 4096)")]
    [TestCase("prompt_tokens=12000 exceeds the context window")]
    [TestCase("{\"max_new_tokens\": 300, \"maxTokens\": \"512\"}")]
    [TestCase("token_count: 81920, tokenLimit=8192.")]
    [TestCase("sigma: 0.75 is out of range; sigmas=[1.0, 0.5]; SIGMA_MAX=14.6")]
    [TestCase("keyframes: 3 is more than the model supports")]
    [TestCase("keyword: landscape")]
    [TestCase("author: runware; authority=login")]
    [TestCase("Your Basic plan does not include video generation")]
    [TestCase("Basic Plan: upgrade to Pro")]
    [TestCase("{\\\"max_tokens\\\": \\\"4096\\\"}")]
    [TestCase("max_tokens: '4096'")]
    [TestCase("%22max_tokens%22%3A%224096%22")]
    [TestCase("sigma_min: 0.03, dpmpp_sigma=1, Keyframes: 12, AUTHOR: x")]
    public void Text_without_a_secret_is_left_as_it_is(string text)
    {
        RunComfyTrainerException ex = RunComfyTrainerErrors.FromResponse(400, "{\"error_code\":42258,\"message\":" + JsonSerializer.Serialize(text) + "}");
        Assert.That(ex.Message, Does.Contain(text));
        Assert.That(SecretMasker.Redact(text), Is.SameAs(text), "no allocation when nothing is masked");
    }

    [Test]
    public void Masked_values_keep_the_key_prefix_and_the_name()
    {
        Assert.That(SecretMasker.Redact("key sk-proj-" + Secret), Is.EqualTo("key sk-***"));
        Assert.That(SecretMasker.Redact("{\"apiKey\": \"" + Secret + "\"}"), Is.EqualTo("{\"apiKey\": \"***\"}"));
        Assert.That(SecretMasker.Redact("Authorization: Bearer " + Secret + " rest"), Is.EqualTo("Authorization: *** rest"));
        Assert.That(SecretMasker.Redact("a=1&sig=" + Secret + "&b=2"), Is.EqualTo("a=1&sig=***&b=2"));
    }
}
