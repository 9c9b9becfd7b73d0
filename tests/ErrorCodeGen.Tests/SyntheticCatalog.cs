using System.Globalization;
using System.Text;

namespace ErrorCodeGen.Testing;

/// <summary>
/// A synthetic catalog of any number of codes, for the generator's tests and benchmarks (one source file, compiled into
/// both: tests/ErrorCodeGen.Tests and, linked, bench/ErrorCodeGen.Benchmarks).
/// </summary>
internal static class SyntheticCatalog
{
    /// <summary>
    /// Shaped like the curated catalogs: every code has a name, a status, retry guidance, a group, a plain summary and
    /// a Markdown remediation (a list with a code span and bold text); one in four has a plain remediation instead.
    /// </summary>
    public static string Yaml(int codes)
    {
        var sb = new StringBuilder();
        sb.Append("schema: errorcodegen/v1\nprovider:\n  name: Large\n  title: Large API\n  docs: https://large.example/docs/errors\n  format: runware\n");
        sb.Append("exceptions:\n  - name: Validation\n    summary: The request was rejected as invalid.\n  - name: Server\n    summary: The server failed; retry with backoff.\n");
        sb.Append("errors:\n");
        for (int i = 0; i < codes; i++)
        {
            bool server = i % 5 == 0;
            string n = i.ToString(CultureInfo.InvariantCulture);
            sb.Append("  - code: ").Append(10_000 + i).Append('\n');
            sb.Append("    name: ERROR_NUMBER_").Append(n).Append('\n');
            sb.Append("    http: ").Append(server ? "503" : "400").Append('\n');
            sb.Append("    retryable: ").Append(server ? "true" : "false").Append('\n');
            sb.Append("    exception: ").Append(server ? "Server" : "Validation").Append('\n');
            sb.Append("    summary: Error number ").Append(n).Append(" happened while the request was handled.\n");
            if (i % 4 == 3)
            {
                sb.Append("    remediation: Check the request and send it again.\n");
            }
            else
            {
                sb.Append("    remediation: |\n      * Check the `field_").Append(n).Append("` value of the request.\n      * Make sure it is **not** empty.\n");
            }
        }

        return sb.ToString();
    }
}
