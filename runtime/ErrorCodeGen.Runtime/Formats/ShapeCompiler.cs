using System.Collections.Generic;

namespace ErrorCodeGen.Formats
{
    /// <summary>
    /// Compiles a <see cref="ShapeSpec"/> once into the per-level lookup tables <see cref="ShapeFormat"/> reads with, or
    /// says why the shape cannot be right (the same checks the generator reports as diagnostics).
    /// </summary>
    internal static class ShapeCompiler
    {
        /// <summary>At most this many objects to descend into per shape (one bit each in the reader's "seen" masks).</summary>
        private const int MaxObjects = 64;

        /// <summary>At most this many alternatives for one field (a rank is four bits).</summary>
        public const int MaxAlternatives = 15;

        public static ShapeFormat? Compile(ShapeSpec spec, out string? problem)
        {
            problem = null;
            if (spec.ErrorLocations.Count == 0)
            {
                problem = "the shape has no error location; add error: /error (or \"\" when the error is the whole body)";
                return null;
            }

            var locations = new List<string[]>();
            bool rootIsItem = false;
            foreach (string location in spec.ErrorLocations)
            {
                if (!JsonPointerSyntax.TryParse(location, out string[] segments, out problem))
                {
                    problem = "error: " + problem;
                    return null;
                }

                rootIsItem |= segments.Length == 0;
                locations.Add(segments);
            }

            if (rootIsItem && locations.Count > 1)
            {
                problem = "error: \"\" (the whole body) cannot have alternatives; list either \"\" alone or member pointers";
                return null;
            }

            var root = new ShapeNode(inItem: rootIsItem, extraPrefix: null);
            var itemNodes = new List<ShapeNode>();
            int seenBits = 0;
            if (rootIsItem)
            {
                itemNodes.Add(root);
            }
            else
            {
                foreach (string[] segments in locations)
                {
                    ShapeNode node = root;
                    for (int i = 0; i < segments.Length; i++)
                    {
                        ShapeEntry entry = node.GetOrAdd(segments[i]);
                        if (entry.IsLocation)
                        {
                            problem = "error: '" + JsonPointerSyntax.Format(segments) + "' is inside another error location; list locations that do not nest";
                            return null;
                        }

                        if (i == segments.Length - 1)
                        {
                            if (entry.Child != null)
                            {
                                problem = "error: '" + JsonPointerSyntax.Format(segments) + "' contains another error location; list locations that do not nest";
                                return null;
                            }

                            entry.IsLocation = true;
                            entry.Kinds = spec.KindsByLocation.TryGetValue(JsonPointerSyntax.Format(segments), out ErrorLocationKinds kinds) ? kinds : spec.LocationKinds;
                            entry.Child = new ShapeNode(inItem: true, extraPrefix: null);
                            itemNodes.Add(entry.Child);
                        }
                        else
                        {
                            node = Descend(entry, node, ref seenBits);
                        }
                    }
                }
            }

            var counts = new Dictionary<ShapeField, int>();
            foreach (ShapePointer pointer in spec.Pointers)
            {
                counts.TryGetValue(pointer.Field, out int count);
                counts[pointer.Field] = count + 1;
                if (count + 1 > MaxAlternatives || pointer.Rank >= MaxAlternatives)
                {
                    problem = KeyOf(pointer.Field) + ": at most " + MaxAlternatives + " pointers";
                    return null;
                }

                if (!JsonPointerSyntax.TryParse(pointer.Pointer, out string[] segments, out problem))
                {
                    problem = KeyOf(pointer.Field) + ": " + problem;
                    return null;
                }

                if (segments.Length == 0)
                {
                    problem = KeyOf(pointer.Field) + ": \"\" names the whole " + (pointer.FromRoot ? "body" : "error object") + ", not a member; write /name";
                    return null;
                }

                if (pointer.FromRoot)
                {
                    if (!Place(root, segments, pointer, ref seenBits, out problem))
                    {
                        return null;
                    }
                }
                else
                {
                    foreach (ShapeNode item in itemNodes)
                    {
                        if (!Place(item, segments, pointer, ref seenBits, out problem))
                        {
                            return null;
                        }
                    }
                }
            }

            if (!rootIsItem && !CompileFeatures(spec, root, ref seenBits, out problem))
            {
                return null;
            }

            if (seenBits > MaxObjects)
            {
                problem = "the shape descends into more than " + MaxObjects + " objects";
                return null;
            }

            root.Freeze();
            return new ShapeFormat(spec.Format, root, rootIsItem, spec.LocationKinds, spec.KeepExtras)
            {
                RootFallback = spec.RootFallback && !rootIsItem,
                RootExtras = spec.RootExtras,
                RootKeptWithoutCode = spec.RootKeptWithoutCode,
                FailingStatuses = spec.FailingStatuses.ToArray(),
            };
        }

        /// <summary>
        /// The presets' extra features (issue 13): conditional locations, each with its own pointers, and the root read as an
        /// item when no location holds one (<see cref="ShapeSpec.RootFallback"/>).
        /// </summary>
        private static bool CompileFeatures(ShapeSpec spec, ShapeNode root, ref int seenBits, out string? problem)
        {
            problem = null;
            foreach (ShapeCondition condition in spec.Conditions)
            {
                if (!JsonPointerSyntax.TryParse(condition.Location, out string[] segments, out problem) || segments.Length == 0)
                {
                    problem = "condition: " + (problem ?? "a conditional location names a member");
                    return false;
                }

                ShapeNode node = root;
                for (int i = 0; i < segments.Length - 1; i++)
                {
                    ShapeEntry through = node.GetOrAdd(segments[i]);
                    if (through.IsLocation || through.Actions.Length > 0)
                    {
                        problem = "condition: '" + condition.Location + "' is inside another location or value";
                        return false;
                    }

                    node = Descend(through, node, ref seenBits);
                }

                ShapeEntry entry = node.GetOrAdd(segments[segments.Length - 1]);
                if (entry.IsLocation || entry.Child != null || entry.Actions.Length > 0)
                {
                    problem = "condition: '" + condition.Location + "' is already a location or read by a pointer";
                    return false;
                }

                entry.IsLocation = true;
                entry.IsConditional = true;
                entry.SeenBit = seenBits++;
                entry.Kinds = condition.Kinds;
                entry.Child = new ShapeNode(inItem: true, extraPrefix: null, noExtras: true);
                foreach (ShapePointer pointer in condition.Pointers)
                {
                    if (!JsonPointerSyntax.TryParse(pointer.Pointer, out string[] path, out problem) || path.Length == 0 || pointer.FromRoot
                        || !Place(entry.Child, path, pointer, ref seenBits, out problem))
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
                foreach (ShapePointer pointer in spec.Pointers)
                {
                    if (pointer.FromRoot || !JsonPointerSyntax.TryParse(pointer.Pointer, out string[] path, out _) || path.Length == 0)
                    {
                        continue;
                    }

                    if (MeetsLocation(root, path))
                    {
                        continue;
                    }

                    if (!Place(root, path, pointer, ref seenBits, out problem))
                    {
                        return false;
                    }
                }
            }

            problem = null;
            return true;
        }

        private static bool MeetsLocation(ShapeNode root, string[] path)
        {
            ShapeNode? node = root;
            for (int i = 0; i < path.Length && node != null; i++)
            {
                ShapeEntry? found = null;
                foreach (ShapeEntry e in node.Entries)
                {
                    if (e.NameText == path[i])
                    {
                        found = e;
                        break;
                    }
                }

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

        private static ShapeNode Descend(ShapeEntry entry, ShapeNode parent, ref int seenBits)
        {
            if (entry.Child is null)
            {
                string? prefix = parent.InItem ? parent.ExtraPrefix + entry.NameText + "." : null;
                entry.Child = new ShapeNode(parent.InItem, prefix, parent.NoExtras);
                entry.SeenBit = seenBits++;
            }

            return entry.Child;
        }

        private static bool Place(ShapeNode start, string[] segments, ShapePointer pointer, ref int seenBits, out string? problem)
        {
            string text = KeyOf(pointer.Field) + ": '" + pointer.Pointer + "'";
            ShapeNode node = start;
            for (int i = 0; i < segments.Length - 1; i++)
            {
                ShapeEntry through = node.GetOrAdd(segments[i]);
                if (through.Actions.Length > 0)
                {
                    problem = text + " is inside a member another pointer reads as a value; point at one or the other";
                    return false;
                }

                // A root pointer through an error object reads in that object (cmfy.cloud's /error/retry_after).
                node = through.IsLocation ? through.Child! : Descend(through, node, ref seenBits);
            }

            ShapeEntry entry = node.GetOrAdd(segments[segments.Length - 1]);
            if (entry.IsLocation)
            {
                problem = text + " points at the error location itself; point at a member of it";
                return false;
            }

            if (entry.Child != null)
            {
                problem = text + " is a member other pointers descend into; point at one or the other";
                return false;
            }

            var actions = new List<ShapeAction>(entry.Actions);
            foreach (ShapeAction existing in actions)
            {
                if (existing.Field == pointer.Field || !IsText(existing.Field) || !IsText(pointer.Field))
                {
                    problem = existing.Field == pointer.Field
                        ? text + " is listed twice; list it once"
                        : text + " is also read as " + KeyOf(existing.Field) + "; only text fields (code, message, parameter, documentation, task_type, task_id, request_id) can share a member";
                    return false;
                }
            }

            actions.Add(new ShapeAction(pointer.Field, pointer.Rank));
            entry.Actions = actions.ToArray();
            entry.AlsoExtra |= pointer.AlsoExtra;
            problem = null;
            return true;
        }

        private static bool IsText(ShapeField field)
            => field != ShapeField.Details && field != ShapeField.Path && field != ShapeField.RetryAfter;

        /// <summary>The catalog key of a field, for messages.</summary>
        public static string KeyOf(ShapeField field)
        {
            switch (field)
            {
                case ShapeField.Code: return "code";
                case ShapeField.Message: return "message";
                case ShapeField.Parameter: return "parameter";
                case ShapeField.TaskType: return "task_type";
                case ShapeField.TaskId: return "task_id";
                case ShapeField.Documentation: return "documentation";
                case ShapeField.Path: return "path";
                case ShapeField.Details: return "details";
                case ShapeField.RequestId: return "request_id";
                case ShapeField.Status: return "status";
                default: return "retry_after";
            }
        }
    }
}
