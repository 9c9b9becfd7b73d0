using System.Collections.Generic;
using System.Linq;

namespace ErrorCodeGen.Runtime.Tests.Infrastructure;

/// <summary>Response headers in the shape <c>FromResponse</c> takes, one value each.</summary>
public static class TestHeaders
{
    public static IEnumerable<KeyValuePair<string, IEnumerable<string>>> Of(params (string Name, string Value)[] headers)
        => headers.Select(h => new KeyValuePair<string, IEnumerable<string>>(h.Name, new[] { h.Value })).ToArray();
}
