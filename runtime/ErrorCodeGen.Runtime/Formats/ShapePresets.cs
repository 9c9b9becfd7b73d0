namespace ErrorCodeGen.Formats
{
    /// <summary>
    /// The built-in formats as shapes of the one engine (<see cref="ShapeFormat"/>), each exactly what its hand-written
    /// reader read before. Alternatives of a built-in share one rank: the first present in body order wins, as it always
    /// did (a declared list ranks by position instead).
    /// </summary>
    /// <remarks>
    /// To add a preset: a member of <see cref="ErrorWireFormat"/> (at the end), its spec here, its line in
    /// <see cref="ErrorBodyFormats"/>, its names in <see cref="WireFormatNames"/> and its property on <see cref="ErrorShape"/>.
    /// A spec can list several error locations (the first non-null one in body order is read), restrict the JSON types a
    /// location accepts, give a field several pointers, reach into nested objects (whose other members an item keeps as
    /// prefixed extra fields) and point from the root through the error object.
    /// </remarks>
    internal static partial class ShapePresets
    {
        /// <summary>
        /// RunComfy: <c>{"error_code", "message" | "error_message", "detail", "request_id"}</c>, the root is the error (kept
        /// even without a code, an error payload once it has one); a failed result's <c>error</c> list of camelCase items
        /// <c>{"errorCode", "error", "debugInfo"}</c> (issue 13) is read too, after the root's own error.
        /// </summary>
        public static ShapeSpec RunComfy()
        {
            var spec = new ShapeSpec("runcomfy", ErrorWireFormat.RunComfy)
            {
                LocationKinds = ErrorLocationKinds.Array,
                RootFallback = true,
                RootExtras = true,
                RootKeptWithoutCode = true,
            };
            spec.ErrorLocations.Add("/error");
            return spec
                .Add(ShapeField.Code, 0, "/error_code")
                .Add(ShapeField.Code, 1, "/errorCode")
                .Add(ShapeField.Message, 0, "/message", "/error_message")
                .Add(ShapeField.Message, 1, "/error")
                .Add(ShapeField.Details, 0, "/detail", "/debugInfo")
                .Add(ShapeField.RequestId, 0, "/request_id");
        }

        /// <summary>Runware: <c>{"errors": [{"code", "message", "parameter", "taskType", "taskUUID", "documentation"}], "requestId"}</c>.</summary>
        /// <remarks>
        /// Also (issue 13, the bodies the official SDKs handle): a singular <c>error</c> holding an object or an array, its
        /// <c>taskUUID</c>/<c>taskType</c> siblings filling the items; a bare error item as the whole WebSocket frame
        /// (<c>{"code", "message", "taskUUID"}</c>); the legacy frame <c>{"error": true, "errorId", "errorMessage"}</c>
        /// (the id is the code); and failed tasks among the results of <c>data[]</c>
        /// (<c>{"status": "error", "error": {"code", "message"}}</c>), the successful ones skipped unread.
        /// </remarks>
        public static ShapeSpec Runware()
        {
            var spec = new ShapeSpec("runware", ErrorWireFormat.Runware) { LocationKinds = ErrorLocationKinds.Array, RootFallback = true };
            spec.ErrorLocations.Add("/errors");
            spec.ErrorLocations.Add("/error");
            spec.KindsByLocation["/error"] = ErrorLocationKinds.Object | ErrorLocationKinds.Array | ErrorLocationKinds.True;
            spec.FailingStatuses.Add("error");
            spec.FailingStatuses.Add("failed");
            spec.Conditions.Add(new ShapeCondition("/data", ErrorLocationKinds.Array | ErrorLocationKinds.Object)
                .Add(ShapeField.Status, 0, "/status")
                .Add(ShapeField.Code, 0, "/error/code")
                .Add(ShapeField.Message, 0, "/error/message")
                .Add(ShapeField.Parameter, 0, "/error/parameter")
                .Add(ShapeField.Documentation, 0, "/error/documentation")
                .Add(ShapeField.TaskType, 0, "/taskType")
                .Add(ShapeField.TaskId, 0, "/taskUUID"));
            AddItemFields(spec)
                .Add(ShapeField.Code, 1, "/errorId")
                .Add(ShapeField.Message, 1, "/errorMessage");
            spec.Pointers.Add(new LayoutPointer(ShapeField.Status, "/status", 0, alsoExtra: true));
            return spec.Add(ShapeField.RequestId, 0, "/request_id", "/requestId");
        }

        /// <summary>cmfy.cloud: <c>{"error": {"code", "message", "details", "retry_after", "request_id"}}</c>.</summary>
        public static ShapeSpec Cmfy()
        {
            var spec = new ShapeSpec("cmfy", ErrorWireFormat.Cmfy) { LocationKinds = ErrorLocationKinds.Object };
            spec.ErrorLocations.Add("/error");
            return AddItemFields(spec)
                .Add(ShapeField.Details, 0, "/details")
                .Add(ShapeField.RetryAfter, 0, "/error/retry_after")
                .Add(ShapeField.RequestId, 0, "/error/request_id", "/request_id");
        }

        /// <summary>GraphQL: <c>{"data", "errors": [{"message", "path", "locations", "extensions": {"code"}}]}</c>.</summary>
        /// <remarks>
        /// Also (issue 13, Lamatic's Flow API): <c>errors</c> holding plain strings (each the message of one error); a flow that
        /// failed without GraphQL errors, <c>{"data": {"executeWorkflow" | "executeAgent" | "checkStatus": {"status":
        /// "error" | "failed", "message", "result": {"message" | "error"}}}}</c>; and a streamed frame that failed,
        /// <c>{"status": "error", "data": {"errorMsg"}}</c>.
        /// </remarks>
        public static ShapeSpec GraphQL()
        {
            var spec = new ShapeSpec("graphql", ErrorWireFormat.GraphQL) { LocationKinds = ErrorLocationKinds.Array, RootFallback = true };
            spec.ErrorLocations.Add("/errors");
            spec.FailingStatuses.Add("error");
            spec.FailingStatuses.Add("failed");
            foreach (string operation in new[] { "executeWorkflow", "executeAgent", "checkStatus" })
            {
                spec.Conditions.Add(new ShapeCondition("/data/" + operation, ErrorLocationKinds.Object)
                    .Add(ShapeField.Status, 0, "/status")
                    .Add(ShapeField.Message, 0, "/message")
                    .Add(ShapeField.Message, 1, "/result/message")
                    .Add(ShapeField.Message, 2, "/result/error")
                    .Add(ShapeField.Message, 3, "/result/errorMsg"));
            }

            AddItemFields(spec)
                .Add(ShapeField.Path, 0, "/path")
                .Add(ShapeField.Message, 1, "/data/errorMsg")
                .Add(ShapeField.Status, 0, "/status");
            return spec.Add(ShapeField.RequestId, 0, "/request_id", "/requestId");
        }

        /// <summary>
        /// The default of <see cref="ErrorWireFormat.Json"/> when no shape is given: the common <c>{"error": {"code" | "type",
        /// "message"}, "request_id"}</c> envelope (an object, an array or a string under <c>error</c>).
        /// </summary>
        public static ShapeSpec Json()
        {
            var spec = new ShapeSpec("json", ErrorWireFormat.Json);
            spec.ErrorLocations.Add("/error");
            return spec
                .Add(ShapeField.Code, 0, "/code")
                .Add(ShapeField.Code, 1, "/type")
                .Add(ShapeField.Message, 0, "/message")
                .Add(ShapeField.RequestId, 0, "/request_id");
        }

        /// <summary>
        /// RFC 9457 problem details, the root is the error: <c>type</c> is the code and the documentation link, <c>detail</c>
        /// the message (else <c>title</c>, which is kept as an extra field too), and <c>status</c>, <c>instance</c> and every
        /// extension member are extra fields.
        /// </summary>
        public static ShapeSpec Problem()
        {
            var spec = new ShapeSpec("problem", ErrorWireFormat.Problem);
            spec.ErrorLocations.Add("");
            spec.Pointers.AddRange(ShapeLayout.ProblemPointers());
            return spec;
        }

        /// <summary>The item fields the hand-written item reader read for every format with error objects.</summary>
        private static ShapeSpec AddItemFields(ShapeSpec spec)
            => spec
                .Add(ShapeField.Code, 0, "/code", "/extensions/code")
                .Add(ShapeField.Message, 0, "/message")
                .Add(ShapeField.Parameter, 0, "/parameter")
                .Add(ShapeField.TaskType, 0, "/taskType")
                .Add(ShapeField.TaskId, 0, "/taskUUID")
                .Add(ShapeField.Documentation, 0, "/documentation");
    }
}
