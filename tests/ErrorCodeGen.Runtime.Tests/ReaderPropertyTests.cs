using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.Json;
using ErrorCodeGen;
using FsCheck;
using FsCheck.Fluent;
using NUnit.Framework;

namespace ErrorCodeGen.Runtime.Tests;

/// <summary>
/// FsCheck properties of the body reader: a duplicate key never changes what is read (the first occurrence wins), every
/// kept string is within its bound, and a secret of any masked shape, anywhere in any field of any wire format, never
/// appears in a message.
/// </summary>
public class ReaderPropertyTests
{
    private static readonly ErrorWireFormat[] s_formats = { ErrorWireFormat.RunComfy, ErrorWireFormat.Runware, ErrorWireFormat.Cmfy, ErrorWireFormat.GraphQL };

    /// <summary>Random JSON values, nested a few levels, with strings from a hostile alphabet.</summary>
    private static Gen<string> JsonValue(int depth) => JsonGenerators.Value(
        depth,
        new[] { "a", "error_code", "code", "errors", "error", "message", "\\\"", "\\u0041", "🚀", " ", "{", "]", "42258" },
        new[] { "0", "-1", "42258", "1e400", "true", "false", "null", "40401.0" },
        new[] { "error_code", "code", "message", "errors", "error", "detail", "x" });

    /// <summary>A well-formed body of each format with every field it reads, and the keys that may be duplicated where.</summary>
    private static readonly (ErrorWireFormat Format, string Template, string[] Keys)[] s_shapes =
    {
        (ErrorWireFormat.RunComfy, "{\"error_code\":42258,\"message\":\"m\",\"detail\":[{\"loc\":[\"a\"],\"msg\":\"b\"}],\"request_id\":\"r\",{DUP}\"x\":0}", new[] { "error_code", "message", "error_message", "detail", "request_id" }),
        (ErrorWireFormat.Cmfy, "{\"error\":{\"code\":\"queue_full\",\"message\":\"m\",\"details\":{\"a\":1},\"retry_after\":3,\"request_id\":\"r\",{DUP}\"x\":0}}", new[] { "code", "message", "details", "retry_after", "request_id" }),
        (ErrorWireFormat.Cmfy, "{\"error\":{\"code\":\"queue_full\"},\"request_id\":\"r\",{DUP}\"x\":0}", new[] { "error", "request_id" }),
        (ErrorWireFormat.Runware, "{\"errors\":[{\"code\":\"c\",\"message\":\"m\",\"parameter\":\"p\",\"taskType\":\"t\",\"taskUUID\":\"u\",\"documentation\":\"d\",{DUP}\"x\":0}]}", new[] { "code", "message", "parameter", "taskType", "taskUUID", "documentation" }),
        (ErrorWireFormat.Runware, "{\"errors\":[{\"code\":\"c\"}],\"requestId\":\"r\",{DUP}\"x\":0}", new[] { "errors", "request_id", "requestId" }),
        (ErrorWireFormat.GraphQL, "{\"errors\":[{\"message\":\"m\",\"path\":[\"a\",0],\"extensions\":{\"code\":\"X\"},{DUP}\"x\":0}]}", new[] { "message", "path", "extensions" }),

        // The real bodies of issue 13.
        (ErrorWireFormat.Runware, "{\"taskUUID\":\"u\",\"error\":{\"code\":\"c\",\"message\":\"m\"},{DUP}\"x\":0}", new[] { "taskUUID", "error" }),
        (ErrorWireFormat.Runware, "{\"code\":\"c\",\"message\":\"m\",\"taskUUID\":\"u\",\"taskType\":\"t\",{DUP}\"x\":0}", new[] { "code", "message", "taskUUID", "taskType" }),
        (ErrorWireFormat.Runware, "{\"error\":true,\"errorId\":19,\"errorMessage\":\"m\",{DUP}\"x\":0}", new[] { "error", "errorId", "errorMessage" }),
        (ErrorWireFormat.Runware, "{\"data\":[{\"taskUUID\":\"u\",\"status\":\"error\",\"error\":{\"code\":\"c\",\"message\":\"m\"},{DUP}\"x\":0}]}", new[] { "taskUUID", "status", "error" }),
        (ErrorWireFormat.Runware, "{\"data\":[{\"taskUUID\":\"u\",\"status\":\"error\",\"error\":{\"code\":\"c\"}}],{DUP}\"x\":0}", new[] { "data" }),
        (ErrorWireFormat.GraphQL, "{\"data\":{\"executeWorkflow\":{\"status\":\"error\",\"message\":\"m\",{DUP}\"x\":0}}}", new[] { "status", "message" }),
        (ErrorWireFormat.GraphQL, "{\"data\":{\"executeWorkflow\":{\"status\":\"failed\",\"result\":{\"message\":\"m\"}}},{DUP}\"x\":0}", new[] { "data" }),
        (ErrorWireFormat.GraphQL, "{\"status\":\"error\",\"data\":{\"errorMsg\":\"m\"},{DUP}\"x\":0}", new[] { "status", "data" }),
        (ErrorWireFormat.RunComfy, "{\"status\":\"failed\",\"error\":[{\"errorCode\":\"c\",\"error\":\"m\",\"debugInfo\":\"d\",{DUP}\"x\":0}]}", new[] { "errorCode", "error", "debugInfo" }),
        (ErrorWireFormat.RunComfy, "{\"error_code\":1,\"error\":[{\"errorCode\":\"c\"}],{DUP}\"x\":0}", new[] { "error", "error_code" }),
    };

    [Test]
    public void A_duplicate_key_with_any_value_changes_nothing()
        => JsonGenerators.DuplicateKeysChangeNothing(
            JsonValue(3),
            s_shapes.Length,
            i => s_shapes[i].Keys,
            (i, duplicates) => ErrorResponseReader.Read(s_shapes[i].Format, 400, s_shapes[i].Template.Replace("{DUP}", duplicates)));

    [Test]
    public void Every_kept_string_is_within_its_bound()
    {
        Gen<string> longText = JsonGenerators.LongText(new[] { "x", "\\u00e9", "🚀", "\\n", "é", "\\\"", " " }, 4000);
        Gen<string> longNumber = Gen.Choose(1, 20000).Select(n => new string('9', n));
        Gen<string> value = Gen.Frequency((4, longText), (1, longNumber), (1, JsonValue(2)));
        Gen<(int Format, string[] Values)> cases =
            from format in Gen.Choose(0, 3)
            from values in value.ArrayOf(12)
            select (format, values);

        Prop.ForAll(cases.ToArbitrary(), c =>
        {
            string[] v = c.Values;
            string name = JsonSerializer.Serialize(new string('n', v[11].Length % 500));
            string body = s_formats[c.Format] switch
            {
                ErrorWireFormat.RunComfy => $"{{\"error_code\":{v[0]},\"message\":{v[1]},\"detail\":[{{\"loc\":[{v[2]},{v[3]}],\"msg\":{v[4]}}},{v[5]}],\"request_id\":{v[6]},{name}:{v[7]}}}",
                ErrorWireFormat.Cmfy => $"{{\"error\":{{\"code\":{v[0]},\"message\":{v[1]},\"details\":{{{name}:{v[2]},\"k\":{v[3]}}},\"request_id\":{v[6]},\"retry_after\":{v[8]}}}}}",
                ErrorWireFormat.Runware => $"{{\"errors\":[{{\"code\":{v[0]},\"message\":{v[1]},\"parameter\":{v[2]},\"taskType\":{v[3]},\"taskUUID\":{v[4]},\"documentation\":{v[5]},{name}:{v[7]}}},{v[9]}]}}",
                _ => $"{{\"errors\":[{{\"message\":{v[1]},\"path\":[{v[2]},{v[3]},{v[4]}],\"extensions\":{{\"code\":{v[0]},{name}:{v[7]}}}}}],\"data\":{v[10]}}}",
            };
            ErrorResponse r = ErrorResponseReader.Read(s_formats[c.Format], 400, body);
            return r.BodyKind == ErrorBodyKind.Json
                && (r.RequestId?.Length ?? 0) <= ReaderLimits.MaxRequestIdLength
                && r.Errors.All(e =>
                    (e.Code?.Length ?? 0) <= ReaderLimits.MaxCodeLength
                    && new[] { e.Message, e.Parameter, e.TaskType, e.TaskId, e.DocumentationUrl, e.Path }.All(s => (s?.Length ?? 0) <= ReaderLimits.MaxStringLength)
                    && e.Details.All(d => d.Length <= ReaderLimits.MaxStringLength)
                    && e.ExtraFields.All(f => f.Key.Length <= ReaderLimits.MaxFieldNameLength && f.Value.Length <= ReaderLimits.MaxRawJsonLength));
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(300));
    }

    // ---- Secrets ------------------------------------------------------------------------------------------------

    private static readonly Gen<string> s_random = Gen.Elements("abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789".ToCharArray())
        .ArrayOf().Where(a => a.Length >= 12 && a.Length <= 40 && a.Any(char.IsDigit) && a.Any(char.IsLetter))
        .Select(a => new string(a));

    private static readonly string[] s_nameParts = { "api", "client", "access", "refresh", "id", "private", "aws_secret_access", "x", "user", "" };

    private static readonly string[] s_secretWords =
        { "key", "token", "secret", "password", "passwd", "pwd", "auth", "session", "cookie", "signature", "sig", "credential", "credentials" };

    private static Gen<string> SecretName() =>
        from part in Gen.Elements(s_nameParts)
        from word in Gen.Elements(s_secretWords)
        from style in Gen.Choose(0, 4)
        select style switch
        {
            0 => part.Length == 0 ? word : part + "_" + word,
            1 => part.Length == 0 ? word : part + char.ToUpperInvariant(word[0]) + word.Substring(1),
            2 => (part.Length == 0 ? word : part + "-" + word).ToUpperInvariant().Replace('_', '-'),
            3 => (part.Length == 0 ? word : part + "_" + word).ToUpperInvariant(),
            _ => "X-" + (part.Length == 0 ? word : char.ToUpperInvariant(part[0]) + part.Substring(1) + "-") + char.ToUpperInvariant(word[0]) + word.Substring(1),
        };

    /// <summary>A secret in one of the masked shapes, and the random part that must never show.</summary>
    private static Gen<(string Text, string Hidden)> Secrets() =>
        from secret in s_random
        from name in SecretName()
        from form in Gen.Choose(0, 17)
        from prefix in Gen.Elements("sk-", "sk-proj-", "sk-ant-api03-", "ghp_", "github_pat_", "glpat-", "hf_", "r8_", "xoxb-", "gsk_", "AIza", "ya29.")
        select form switch
        {
            0 => (name + "=" + secret, secret),
            1 => (name + ": " + secret, secret),
            2 => ("\"" + name + "\": \"" + secret + "\"", secret),
            3 => ("'" + name + "':'" + secret + "'", secret),
            4 => (name + "%3D" + secret, secret),
            5 => ("https://h.example/p?a=1&" + name + "=" + secret + "&b=2", secret),
            6 => (name + " = \"two words " + secret + " more\"", secret),
            7 => ("\\\"" + name + "\\\":\\\"" + secret + "\\\"", secret),
            8 => ("eyJhbGciOiJIUzI1NiJ9.eyJzdWIi" + secret + ".c2ln", secret),
            9 => (prefix + secret, secret),
            10 => ("Bearer " + secret, secret),
            11 => ("Authorization: Bearer " + secret, secret),
            12 => ("Bearer: " + secret, secret),
            13 => ("bearer=" + secret, secret),
            14 => ("Cookie: sid=" + secret + "; path=/", secret),
            15 => ("%22" + name + "%22%3A%22" + secret + "%22", secret),
            16 => ("Basic " + secret + "==", secret),
            _ => (name + "=" + prefix + secret, secret),
        };

    private static readonly string[] s_separators = { " ", "\n", ", ", " (", "; ", "\t", " - ", "\u200B ", " \u202E" };

    [Test]
    public void A_secret_of_any_shape_in_any_field_never_appears_in_a_message()
    {
        Gen<string> words = Gen.Elements("the", "request", "failed", "Invalid", "value", "for", "signup", "design", "Token", "expired", "é", "🚀", "42")
            .ListOf().Select(w => string.Join(" ", w));
        Gen<(int Format, int Field, string Before, string After, string Separator, (string Text, string Hidden) Secret)> cases =
            from format in Gen.Choose(0, 4)
            from field in Gen.Choose(0, 6)
            from before in words
            from after in words
            from separator in Gen.Elements(s_separators)
            from secret in Secrets()
            select (format, field, before, after, separator, secret);

        Prop.ForAll(cases.ToArbitrary(), c =>
        {
            string text = c.Before + c.Separator + c.Secret.Text + c.Separator + c.After;
            IEnumerable<ApiErrorException> exceptions = Build(c.Format, c.Field, text);
            foreach (ApiErrorException ex in exceptions)
            {
                var visible = new List<string> { ex.Message, ex.ToString(), ex.Remediation ?? string.Empty };
                visible.AddRange(ex.Errors.Select(e => e.ToString()));
                string? leak = visible.FirstOrDefault(v => v.Contains(c.Secret.Hidden, StringComparison.Ordinal));
                if (leak != null)
                {
                    Assert.Fail($"secret shown for {text}: {leak}");
                }
            }

            return true;
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(3000));
    }

    /// <summary>An exception of each relevant kind with <paramref name="text"/> in field <paramref name="field"/>.</summary>
    private static IEnumerable<ApiErrorException> Build(int format, int field, string text)
    {
        string t = JsonSerializer.Serialize(text);
        switch (format)
        {
            case 0:
                string[] runcomfy = { "\"error_code\":" + t, "\"message\":" + t, "\"error_message\":" + t, "\"detail\":[" + t + "]", "\"request_id\":" + t, "\"detail\":" + t, "\"x\":" + t };
                yield return RunComfyTrainerErrors.FromResponse(400, "{\"error_code\":1," + runcomfy[field] + "}");
                yield return RunComfyTrainerErrors.FromResponse(400, "{" + runcomfy[field] + "}");
                break;
            case 1:
                string[] runware = { "code", "message", "parameter", "taskType", "taskUUID", "documentation", "type" };
                yield return RunwareErrors.FromResponse(400, "{\"errors\":[{\"" + runware[field] + "\":" + t + "},{\"code\":" + t + ",\"message\":" + t + "}]}");
                break;
            case 2:
                string[] cmfy = { "code", "message", "request_id", "details", "retry_after", "x", "message" };
                yield return CmfyCloudErrors.FromResponse(429, "{\"error\":{\"" + cmfy[field] + "\":" + t + "}}");
                yield return CmfyCloudErrors.FromResponse(429, "{\"error\":{\"details\":{\"k\":" + t + "},\"message\":" + t + "},\"request_id\":" + t + "}");
                break;
            case 3:
                string[] graphql = { "\"extensions\":{\"code\":" + t + "}", "\"message\":" + t, "\"path\":[" + t + "]", "\"locations\":" + t, "\"message\":[" + t + "]", "\"extensions\":{\"x\":" + t + "}", "\"message\":" + t };
                yield return FlowErrors.FromResponse(200, "{\"errors\":[{" + graphql[field] + "}]}");
                yield return FlowErrors.FromMessage("{\"errors\":[" + t + "]}");
                break;
            default:
                // Not JSON: an HTML title or the first line of text.
                string html = System.Net.WebUtility.HtmlEncode(text);
                yield return RunComfyServerlessErrors.FromResponse(502, "<html><head><title>" + html + "</title></head></html>");
                yield return RunComfyServerlessErrors.FromResponse(502, text.Replace("\n", " "));
                break;
        }
    }
}
