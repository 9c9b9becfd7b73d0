using System;
using System.Collections.Generic;
using ErrorCodeGen.Formats;

namespace ErrorCodeGen
{
    /// <summary>
    /// How an API's error bodies are read: where the error object (or array of them) is and which members are its code,
    /// message, request id and wait. Immutable; its pointers are validated and compiled once, into the lookup tables the
    /// reader walks in one pass. The built-in formats are presets (<see cref="RunComfy"/>, <see cref="Runware"/>,
    /// <see cref="Cmfy"/>, <see cref="GraphQL"/>, <see cref="Problem"/>); <see cref="Create"/> makes a declared one
    /// (<c>provider.format: json</c> with a <c>shape:</c>, see docs/catalog-schema.md).
    /// </summary>
    public sealed class ErrorShape
    {
        /// <summary>
        /// The presets, in the order of <see cref="ErrorWireFormat"/>'s values, each made the first time it is asked for (a
        /// process that reads one API's errors makes one shape, not six: the first error of a process pays for its own) and
        /// then the same instance for every caller.
        /// </summary>
        private static readonly ErrorShape?[] s_presets = new ErrorShape?[6];

        private ErrorShape(ShapeSpec spec, ErrorBodyFormat? reader)
        {
            Name = spec.Name;
            Format = spec.Format;
            Reader = reader;
            Error = spec.ErrorLocations.ToArray();
            Code = spec.PointersOf(ShapeField.Code);
            Message = spec.PointersOf(ShapeField.Message);
            Details = spec.PointersOf(ShapeField.Details);
            Parameter = spec.PointersOf(ShapeField.Parameter);
            Path = spec.PointersOf(ShapeField.Path);
            Documentation = spec.PointersOf(ShapeField.Documentation);
            TaskType = spec.PointersOf(ShapeField.TaskType);
            TaskId = spec.PointersOf(ShapeField.TaskId);
            RequestId = spec.PointersOf(ShapeField.RequestId);
            RetryAfter = spec.PointersOf(ShapeField.RetryAfter);
            Status = spec.PointersOf(ShapeField.Status);
            FailingStatus = spec.FailingStatuses.ToArray();
            RequestIdHeaderNames = spec.RequestIdHeaders.ToArray();
        }

        /// <summary>RunComfy (Trainer and Serverless): the root is the error, <c>error_code</c> its code; a failed result's <c>error</c> list is read too.</summary>
        public static ErrorShape RunComfy => Preset(0);

        /// <summary>Runware: an <c>errors</c> array of task errors.</summary>
        public static ErrorShape Runware => Preset(1);

        /// <summary>cmfy.cloud: one <c>error</c> object, with its details, wait and request id.</summary>
        public static ErrorShape Cmfy => Preset(2);

        /// <summary>GraphQL: an <c>errors</c> array, the code in <c>extensions.code</c>, the <c>path</c> dotted.</summary>
        public static ErrorShape GraphQL => Preset(3);

        /// <summary>The shape <see cref="ErrorWireFormat.Json"/> reads when none is given: <c>{"error": {"code" | "type", "message"}, "request_id"}</c>.</summary>
        public static ErrorShape Json => Preset(4);

        /// <summary>RFC 9457 problem details: <c>type</c> is the code, <c>detail</c> (else <c>title</c>) the message, the other members extra fields.</summary>
        public static ErrorShape Problem => Preset(5);

        /// <summary>The preset of a built-in format, or <see langword="null"/> for a value this runtime does not know.</summary>
        /// <param name="format">The wire format.</param>
        /// <returns>Its preset shape.</returns>
        public static ErrorShape? For(ErrorWireFormat format)
        {
            int i = (int)format;
            return (uint)i < (uint)s_presets.Length ? Preset(i) : null;
        }

        /// <summary>The preset at <paramref name="index"/> of <see cref="s_presets"/>: made on first use; racing first uses keep one.</summary>
        private static ErrorShape Preset(int index)
            => System.Threading.Volatile.Read(ref s_presets[index]) ?? MakePreset(index);

        private static ErrorShape MakePreset(int index)
        {
            ShapeSpec spec = index switch
            {
                0 => ShapePresets.RunComfy(),
                1 => ShapePresets.Runware(),
                2 => ShapePresets.Cmfy(),
                3 => ShapePresets.GraphQL(),
                4 => ShapePresets.Json(),
                _ => ShapePresets.Problem(),
            };

            // The preset's tables ship compiled (ShapePresets.Compiled.cs, what ShapeCompiler makes of the spec, held equal by
            // PrecompiledPresetTests): the shape compiler does not run, and is not compiled by the JIT, for a built-in format.
            var compiled = new ErrorShape(spec, ShapePresets.Compiled(spec.Format));
            return System.Threading.Interlocked.CompareExchange(ref s_presets[index], compiled, null) ?? compiled;
        }

        /// <summary>Validates and compiles a declared shape.</summary>
        /// <param name="definition">The shape's pointers.</param>
        /// <returns>The shape.</returns>
        /// <exception cref="ArgumentException">A pointer is not RFC 6901, <c>code</c> is missing, or the pointers contradict each other (the message says which and how to fix it).</exception>
        public static ErrorShape Create(ErrorShapeDefinition definition)
        {
            if (!TryCreate(definition, out ErrorShape? shape, out string? problem))
            {
                throw new ArgumentException("The error shape cannot be read: " + problem + ".", nameof(definition));
            }

            return shape!;
        }

        /// <summary>Validates and compiles a declared shape, or says why it cannot be right.</summary>
        /// <param name="definition">The shape's pointers.</param>
        /// <param name="shape">The shape, when it is right.</param>
        /// <param name="problem">What is wrong and how to fix it, when it is not.</param>
        /// <returns>Whether the shape is right.</returns>
        public static bool TryCreate(ErrorShapeDefinition definition, out ErrorShape? shape, out string? problem)
        {
            if (definition is null)
            {
                throw new ArgumentNullException(nameof(definition));
            }

            shape = null;
            ShapeSpec? spec = ToSpec(definition, out problem);
            if (spec is null)
            {
                return false;
            }

            ErrorBodyFormat? reader = ShapeCompiler.Compile(spec, out problem);
            if (reader is null)
            {
                return false;
            }

            shape = new ErrorShape(spec, reader);
            return true;
        }

        /// <summary>The shape's name: the format's catalog name for a preset, else the definition's name.</summary>
        public string Name { get; }

        /// <summary>The format: the preset's, <see cref="ErrorWireFormat.Json"/> or <see cref="ErrorWireFormat.Problem"/> for a declared shape.</summary>
        public ErrorWireFormat Format { get; }

        /// <summary>Where the error object or array is, from the root (<c>""</c> is the root).</summary>
        public IReadOnlyList<string> Error { get; }

        /// <summary>The pointers to the code, from each error object.</summary>
        public IReadOnlyList<string> Code { get; }

        /// <summary>The pointers to the message, from each error object.</summary>
        public IReadOnlyList<string> Message { get; }

        /// <summary>The pointers to the details, from each error object.</summary>
        public IReadOnlyList<string> Details { get; }

        /// <summary>The pointers to the parameter, from each error object.</summary>
        public IReadOnlyList<string> Parameter { get; }

        /// <summary>The pointers to the path, from each error object.</summary>
        public IReadOnlyList<string> Path { get; }

        /// <summary>The pointers to the documentation link, from each error object.</summary>
        public IReadOnlyList<string> Documentation { get; }

        /// <summary>The pointers to the task type, from each error object.</summary>
        public IReadOnlyList<string> TaskType { get; }

        /// <summary>The pointers to the task id, from each error object.</summary>
        public IReadOnlyList<string> TaskId { get; }

        /// <summary>The pointers to the request id, from the root.</summary>
        public IReadOnlyList<string> RequestId { get; }

        /// <summary>The pointers to the wait in seconds, from the root.</summary>
        public IReadOnlyList<string> RetryAfter { get; }

        /// <summary>The pointers to a status member, from each error object, whose values in <see cref="FailingStatus"/> make its object an error (<see cref="ErrorShapeDefinition.Status"/>).</summary>
        public IReadOnlyList<string> Status { get; }

        /// <summary>The values of <see cref="Status"/> that mean failure.</summary>
        public IReadOnlyList<string> FailingStatus { get; }

        /// <summary>The headers that carry the request id; empty for the default <c>X-Request-Id</c>.</summary>
        public IReadOnlyList<string> RequestIdHeaders => RequestIdHeaderNames;

        /// <summary>The compiled reader; null only for an enum value this runtime does not know.</summary>
        internal ErrorBodyFormat? Reader { get; }

        internal string[] RequestIdHeaderNames { get; }

        /// <summary>The shape's name.</summary>
        /// <returns>The name.</returns>
        public override string ToString() => Name;

        /// <summary>The shape for <paramref name="format"/>: its preset, or one that reads nothing for a value this runtime does not know.</summary>
        internal static ErrorShape Of(ErrorWireFormat format)
            => For(format) ?? new ErrorShape(new ShapeSpec(format.ToString(), format), reader: null);

        private static ShapeSpec? ToSpec(ErrorShapeDefinition d, out string? problem)
        {
            problem = null;
            ShapeSpec spec;
            if (d.Format == ErrorWireFormat.Problem)
            {
                if (d.Error.Count > 0)
                {
                    problem = "error: problem details are read from the root; remove error (or use format json)";
                    return null;
                }

                ShapeSpec preset = ShapePresets.Problem();
                spec = new ShapeSpec(d.Name ?? preset.Name, ErrorWireFormat.Problem);
                spec.ErrorLocations.AddRange(preset.ErrorLocations);
                spec.Pointers.AddRange(preset.Pointers);
            }
            else if (d.Format == ErrorWireFormat.Json)
            {
                if (d.Error.Count == 0)
                {
                    problem = "error is required: the pointer to the error object or array (\"\" when it is the whole body)";
                    return null;
                }

                if (d.Code.Count == 0)
                {
                    problem = "code is required: the pointer to the code in each error object, such as /code (or a list, first present wins)";
                    return null;
                }

                spec = new ShapeSpec(d.Name ?? "json", ErrorWireFormat.Json);
                spec.ErrorLocations.AddRange(d.Error);
            }
            else
            {
                problem = "a declared shape has format json or problem; " + d.Format + " is a built-in preset (ErrorShape." + d.Format + ")";
                return null;
            }

            Replace(spec, ShapeField.Code, d.Code);
            Replace(spec, ShapeField.Message, d.Message);
            Replace(spec, ShapeField.Details, d.Details);
            Replace(spec, ShapeField.Parameter, d.Parameter);
            Replace(spec, ShapeField.Path, d.Path);
            Replace(spec, ShapeField.Documentation, d.Documentation);
            Replace(spec, ShapeField.TaskType, d.TaskType);
            Replace(spec, ShapeField.TaskId, d.TaskId);
            Replace(spec, ShapeField.RequestId, d.RequestId);
            Replace(spec, ShapeField.RetryAfter, d.RetryAfter);
            if (!AddStatus(spec, d, out problem))
            {
                return null;
            }

            foreach (string header in d.RequestIdHeaders)
            {
                if (string.IsNullOrWhiteSpace(header))
                {
                    problem = "request_id_headers: a header name is empty";
                    return null;
                }

                spec.RequestIdHeaders.Add(header.Trim());
            }

            return spec;
        }

        /// <summary>The status pointers and the values that mean failure: both or neither, each value plain ASCII text.</summary>
        private static bool AddStatus(ShapeSpec spec, ErrorShapeDefinition d, out string? problem)
        {
            problem = ShapeLayout.StatusProblem(d.Status.Count > 0, d.FailingStatus);
            if (problem != null)
            {
                return false;
            }

            if (d.Status.Count > 0)
            {
                // Kept as an extra field as well: a status is worth seeing, and it fills no field of its own.
                spec.Remove(ShapeField.Status).AddListed(ShapeField.Status, d.Status, alsoExtra: true);

                spec.FailingStatuses.Clear();
                spec.FailingStatuses.AddRange(d.FailingStatus);
            }

            return true;
        }

        private static void Replace(ShapeSpec spec, ShapeField field, IList<string> pointers)
        {
            if (pointers.Count > 0)
            {
                spec.Remove(field).AddListed(field, pointers);
            }
        }
    }
}
