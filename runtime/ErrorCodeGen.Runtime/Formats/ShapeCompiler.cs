using System.Collections.Generic;

namespace ErrorCodeGen.Formats
{
    /// <summary>
    /// Compiles a <see cref="ShapeSpec"/> once into the per-level lookup tables <see cref="ShapeFormat"/> reads with. The
    /// checks are <see cref="ShapeLayout"/>'s, which the generator runs too.
    /// </summary>
    internal static class ShapeCompiler
    {
        public static ShapeFormat? Compile(ShapeSpec spec, out string? problem)
        {
            LayoutNode? layout = ShapeLayout.Build(spec.ErrorLocations, spec.Pointers, out bool rootIsItem, out problem);
            if (layout is null)
            {
                return null;
            }

            // Fields with pointers of more than one rank need rank bookkeeping; the others take their first non-null value.
            var ranked = new bool[ShapeLayout.Keys.Length];
            foreach (LayoutPointer p in spec.Pointers)
            {
                ranked[(int)p.Field] |= p.Rank > 0;
            }

            return new ShapeFormat(spec.Format, ToNode(layout, ranked), rootIsItem, spec.LocationKinds, spec.KeepExtras);
        }

        private static ShapeNode ToNode(LayoutNode layout, bool[] ranked)
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

                entries.Add(new ShapeEntry(e.Name, actions, e.Child is null ? null : ToNode(e.Child, ranked), e.IsLocation, e.AlsoExtra, e.SeenBit, isRanked));
            }

            return new ShapeNode(layout.InItem, layout.ExtraPrefix, entries);
        }
    }
}
