using System;
using System.Collections.Generic;

namespace ErrorCodeGen.Formats
{
    /// <summary>
    /// Compiles a <see cref="ShapeSpec"/> once into the per-level lookup tables <see cref="ShapeFormat"/> reads with. The
    /// checks are <see cref="ShapeLayout"/>'s, which the generator runs too; the presets' extra features (per-location
    /// kinds, conditional locations, the root as a fallback item) are laid out here, on top of that layout.
    /// </summary>
    internal static class ShapeCompiler
    {
        public static ShapeFormat? Compile(ShapeSpec spec, out string? problem)
        {
            LayoutNode? layout = ShapeLayout.Build(spec.ErrorLocations, spec.Pointers, out bool rootIsItem, out int seenBits, out problem);
            if (layout is null)
            {
                return null;
            }

            if (!rootIsItem)
            {
                SetLocationKinds(spec, layout);
                if (!CompileFeatures(spec, layout, ref seenBits, out problem))
                {
                    return null;
                }

                if (seenBits > ShapeLayout.MaxObjects)
                {
                    problem = "the shape descends into more than " + ShapeLayout.MaxObjects + " objects";
                    return null;
                }
            }

            // Fields with pointers of more than one rank need rank bookkeeping; the others take their first non-null value.
            var ranked = new bool[ShapeLayout.FieldCount];
            foreach (LayoutPointer p in spec.Pointers)
            {
                ranked[(int)p.Field] |= p.Rank > 0;
            }

            foreach (ShapeCondition condition in spec.Conditions)
            {
                foreach (LayoutPointer p in condition.Pointers)
                {
                    ranked[(int)p.Field] |= p.Rank > 0;
                }
            }

            bool rootFallback = spec.RootFallback && !rootIsItem;
            var root = ToNode(layout, ranked, spec.KeepExtras, isRoot: true, rootExtras: rootFallback && spec.RootExtras);
            return new ShapeFormat(spec.Format, root, rootIsItem)
            {
                RootFallback = rootFallback,
                RootKeptWithoutCode = spec.RootKeptWithoutCode,
                FailingStatuses = spec.FailingStatuses.ToArray(),
            };
        }

        /// <summary>Each error location's JSON types: its own (<see cref="ShapeSpec.KindsByLocation"/>) or the shape's.</summary>
        private static void SetLocationKinds(ShapeSpec spec, LayoutNode root)
        {
            foreach (string location in spec.ErrorLocations)
            {
                if (!JsonPointerSyntax.TryParse(location, out string[] segments, out _))
                {
                    continue;
                }

                LayoutNode? node = root;
                LayoutEntry? entry = null;
                for (int i = 0; i < segments.Length && node != null; i++)
                {
                    entry = Find(node, segments[i]);
                    node = entry?.Child;
                }

                if (entry != null && entry.IsLocation)
                {
                    entry.Kinds = spec.KindsByLocation.TryGetValue(JsonPointerSyntax.Format(segments), out ErrorLocationKinds kinds) ? kinds : spec.LocationKinds;
                }
            }
        }

        /// <summary>
        /// The presets' extra features (issue 13): conditional locations, each with its own pointers, and the root read as an
        /// item when no location holds one (<see cref="ShapeSpec.RootFallback"/>).
        /// </summary>
        private static bool CompileFeatures(ShapeSpec spec, LayoutNode root, ref int seenBits, out string? problem)
        {
            problem = null;
            foreach (ShapeCondition condition in spec.Conditions)
            {
                if (!JsonPointerSyntax.TryParse(condition.Location, out string[] segments, out problem) || segments.Length == 0)
                {
                    problem = "condition: " + (problem ?? "a conditional location names a member");
                    return false;
                }

                LayoutNode node = root;
                for (int i = 0; i < segments.Length - 1; i++)
                {
                    LayoutEntry through = node.GetOrAdd(segments[i]);
                    if (through.IsLocation || through.Actions.Count > 0)
                    {
                        problem = "condition: '" + condition.Location + "' is inside another location or value";
                        return false;
                    }

                    node = ShapeLayout.Descend(through, node, ref seenBits);
                }

                LayoutEntry entry = node.GetOrAdd(segments[segments.Length - 1]);
                if (entry.IsLocation || entry.Child != null || entry.Actions.Count > 0)
                {
                    problem = "condition: '" + condition.Location + "' is already a location or read by a pointer";
                    return false;
                }

                entry.IsLocation = true;
                entry.IsConditional = true;
                entry.SeenBit = seenBits++;
                entry.Kinds = condition.Kinds;
                entry.Child = new LayoutNode(inItem: true, extraPrefix: null, noExtras: true);
                foreach (LayoutPointer pointer in condition.Pointers)
                {
                    if (!JsonPointerSyntax.TryParse(pointer.Pointer, out string[] path, out problem) || path.Length == 0 || pointer.FromRoot
                        || !ShapeLayout.Place(entry.Child, path, pointer, ref seenBits, out problem))
                    {
                        problem = "condition: " + (problem ?? pointer.Pointer);
                        return false;
                    }
                }
            }

            if (spec.RootFallback)
            {
                // The item pointers read at the root too; one that meets a location there (RunComfy's camelCase "error" is both
                // the failed result's list and, inside it, the message) is left to the location.
                foreach (LayoutPointer pointer in spec.Pointers)
                {
                    if (pointer.FromRoot || !JsonPointerSyntax.TryParse(pointer.Pointer, out string[] path, out _) || path.Length == 0)
                    {
                        continue;
                    }

                    if (MeetsLocation(root, path))
                    {
                        // A pointer that is the location itself (RunComfy's "/error", the camelCase item's message) reads,
                        // at the root, text the location does not take: "error": "text" is the root's message then.
                        LayoutEntry? location = path.Length == 1 ? Find(root, path[0]) : null;
                        if (location != null && location.IsLocation && !location.IsConditional && ShapeLayout.IsText(pointer.Field))
                        {
                            location.Actions.Add(new KeyValuePair<ShapeField, int>(pointer.Field, pointer.Rank));
                        }

                        continue;
                    }

                    if (!ShapeLayout.Place(root, path, pointer, ref seenBits, out problem))
                    {
                        return false;
                    }
                }
            }

            problem = null;
            return true;
        }

        private static LayoutEntry? Find(LayoutNode node, string name)
        {
            foreach (LayoutEntry e in node.Entries)
            {
                if (string.Equals(e.Name, name, StringComparison.Ordinal))
                {
                    return e;
                }
            }

            return null;
        }

        private static bool MeetsLocation(LayoutNode root, string[] path)
        {
            LayoutNode? node = root;
            for (int i = 0; i < path.Length && node != null; i++)
            {
                LayoutEntry? found = Find(node, path[i]);
                if (found is null)
                {
                    return false;
                }

                if (found.IsLocation)
                {
                    return true;
                }

                node = found.Child;
            }

            return false;
        }

        private static ShapeNode ToNode(LayoutNode layout, bool[] ranked, bool keepExtras, bool isRoot, bool rootExtras)
        {
            var entries = new List<ShapeEntry>(layout.Entries.Count);
            foreach (LayoutEntry e in layout.Entries)
            {
                var actions = new ShapeAction[e.Actions.Count];
                bool isRanked = false;
                for (int i = 0; i < actions.Length; i++)
                {
                    actions[i] = new ShapeAction(e.Actions[i].Key, e.Actions[i].Value);
                    isRanked |= ranked[(int)e.Actions[i].Key];
                }

                ShapeNode? child = e.Child is null ? null : ToNode(e.Child, ranked, keepExtras, isRoot: false, rootExtras: false);
                entries.Add(new ShapeEntry(e.Name, actions, child, e.IsLocation, e.AlsoExtra, e.SeenBit, isRanked, e.Kinds, e.IsConditional));
            }

            // Extra fields are kept inside an item (not in a conditional one), and at the root when it is the fallback item
            // that keeps them (RunComfy's).
            bool extrasAllowed = !layout.NoExtras && (layout.InItem || (isRoot && rootExtras));
            return new ShapeNode(layout.InItem, layout.ExtraPrefix, entries, keepsUnnamed: extrasAllowed && keepExtras, keepsAlsoExtra: extrasAllowed);
        }
    }
}
