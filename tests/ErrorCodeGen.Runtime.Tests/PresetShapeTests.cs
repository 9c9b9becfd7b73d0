using System;
using System.Linq;
using System.Reflection;
using System.Runtime.Loader;
using System.Threading;
using System.Threading.Tasks;
using NUnit.Framework;

namespace ErrorCodeGen.Runtime.Tests;

/// <summary>
/// The built-in shapes are made the first time each is asked for, not all six on the first use of any: the first error
/// of a process pays for its own shape. Each check runs on a fresh copy of the runtime assembly (its own statics, in a
/// collectible load context), as a new process would.
/// </summary>
public sealed class PresetShapeTests
{
    [Test]
    public void The_first_read_of_a_process_compiles_its_own_shape_alone()
    {
        RunFresh(runtime =>
        {
            Type reader = runtime.GetType("ErrorCodeGen.ErrorResponseReader", throwOnError: true)!;
            Type format = runtime.GetType("ErrorCodeGen.ErrorWireFormat", throwOnError: true)!;
            Assert.That(Compiled(runtime), Is.EqualTo(new bool[6]), "nothing is compiled before the first use");

            MethodInfo read = reader.GetMethod("Read", new[] { format, typeof(int?), typeof(string), typeof(System.Collections.Generic.IEnumerable<System.Collections.Generic.KeyValuePair<string, System.Collections.Generic.IEnumerable<string>>>) })!;
            object response = read.Invoke(null, new[] { Enum.ToObject(format, (int)ErrorWireFormat.Cmfy), 429, """{"error": {"code": "rate_limit_exceeded", "message": "Slow down"}}""", null })!;

            var errors = (System.Collections.IList)response.GetType().GetProperty("Errors")!.GetValue(response)!;
            Assert.That(errors[0]!.GetType().GetProperty("Code")!.GetValue(errors[0]), Is.EqualTo("rate_limit_exceeded"), "the shape reads");
            Assert.That(Compiled(runtime), Is.EqualTo(new[] { false, false, true, false, false, false }), "cmfy alone");
        });
    }

    [Test]
    public void Racing_first_uses_of_a_preset_get_one_instance()
    {
        RunFresh(runtime =>
        {
            Type shape = runtime.GetType("ErrorCodeGen.ErrorShape", throwOnError: true)!;
            Type format = runtime.GetType("ErrorCodeGen.ErrorWireFormat", throwOnError: true)!;
            MethodInfo forFormat = shape.GetMethod("For")!;
            foreach (ErrorWireFormat f in Enum.GetValues<ErrorWireFormat>())
            {
                object value = Enum.ToObject(format, (int)f);
                using var start = new Barrier(8);
                Task<object>[] racers = Enumerable.Range(0, 8).Select(_ => Task.Factory.StartNew(
                    () =>
                    {
                        start.SignalAndWait();
                        return forFormat.Invoke(null, new[] { value })!;
                    },
                    TaskCreationOptions.LongRunning)).ToArray();
                Task.WaitAll(racers);

                object first = racers[0].Result;
                Assert.That(racers.Select(r => r.Result), Is.All.SameAs(first), f.ToString());
                Assert.That(shape.GetProperty(f.ToString())!.GetValue(null), Is.SameAs(first), f + ": the property gives the same instance");
                Assert.That(shape.GetProperty("Format")!.GetValue(first)!.ToString(), Is.EqualTo(f.ToString()));
            }

            Assert.That(Compiled(runtime), Is.All.True);
        });
    }

    /// <summary>Which of the six presets a copy of the runtime has compiled so far.</summary>
    private static bool[] Compiled(Assembly runtime)
    {
        var slots = (Array)runtime.GetType("ErrorCodeGen.ErrorShape", throwOnError: true)!
            .GetField("s_presets", BindingFlags.NonPublic | BindingFlags.Static)!.GetValue(null)!;
        return slots.Cast<object?>().Select(s => s != null).ToArray();
    }

    /// <summary>Runs <paramref name="test"/> on a copy of the runtime assembly loaded afresh, then unloads it.</summary>
    private static void RunFresh(Action<Assembly> test)
    {
        var context = new AssemblyLoadContext("fresh runtime", isCollectible: true);
        try
        {
            Assembly runtime = context.LoadFromAssemblyPath(typeof(ErrorShape).Assembly.Location);
            Assert.That(runtime, Is.Not.SameAs(typeof(ErrorShape).Assembly));
            test(runtime);
        }
        finally
        {
            context.Unload();
        }
    }
}
