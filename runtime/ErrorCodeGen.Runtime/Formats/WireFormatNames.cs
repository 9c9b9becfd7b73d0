namespace ErrorCodeGen.Formats
{
    /// <summary>
    /// The wire formats by name (the four built-in presets, then json and problem, whose catalogs may declare a shape), in
    /// the order of <c>ErrorWireFormat</c>'s values: <see cref="CatalogNames"/> is what
    /// a catalog's <c>provider.format</c> says, <see cref="MemberNames"/> the enum member the generated code names. This file
    /// is compiled into the generator as well (linked), so the generator accepts exactly the formats the runtime reads; a
    /// runtime test checks it against the enum and the registry.
    /// </summary>
    internal static class WireFormatNames
    {
        /// <summary>The formats whose catalog declares its body with a <c>shape:</c> section (json requires one, problem may refine its code).</summary>
        public static readonly string[] ShapeFormats = { "json", "problem" };

        public static readonly string[] CatalogNames = { "runcomfy", "runware", "cmfy", "graphql", "json", "problem" };

        public static readonly string[] MemberNames = { "RunComfy", "Runware", "Cmfy", "GraphQL", "Json", "Problem" };

        /// <summary>The enum member of the format a catalog names (ignoring case), or null when there is none.</summary>
        public static string? MemberFor(string catalogName)
        {
            for (int i = 0; i < CatalogNames.Length; i++)
            {
                if (string.Equals(CatalogNames[i], catalogName, System.StringComparison.OrdinalIgnoreCase))
                {
                    return MemberNames[i];
                }
            }

            return null;
        }
    }
}
