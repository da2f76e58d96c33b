using System.Linq.Expressions;
using System.Runtime.CompilerServices;

namespace Linq.Querying;

/// <summary>
/// Where query plans compile expression trees: row shapers (<see cref="CompiledQuery.Shaper{T}"/>), the element builders of
/// nested selects and cursor key reads. The delegate type of every tree is named in source (<c>Func&lt;NpgsqlDataReader,
/// T&gt;</c> with the caller's <c>T</c>, <c>Func&lt;object?[], object?&gt;</c>, <c>Func&lt;object?, object?&gt;</c>), never
/// made at run time. On the JIT (<see cref="System.Runtime.CompilerServices.RuntimeFeature.IsDynamicCodeSupported"/>)
/// <see cref="LambdaExpression.Compile()"/> emits IL, as fast as written code. Under NativeAOT it runs the trees in
/// System.Linq.Expressions' interpreter, which handles every node these trees hold: calls of methods they reference by
/// token (the generated materializers, the typed reads of <see cref="Contract.ScalarType"/>), conversions, the
/// constructors and member initializers of the query's own projections, conditionals and array reads. Rows of a
/// query returning a model need no tree at all (<see cref="Shaping.RowSink.DirectShaper"/>). The fingerprint's
/// <c>Caching.Evaluator</c> interprets on the JIT too: a value is computed once per execution.
/// </summary>
internal static class ShaperCompiler
{
    public static TDelegate Compile<TDelegate>(Expression<TDelegate> lambda) where TDelegate : Delegate => lambda.Compile();

    /// <summary>
    /// A delegate usable at once, without waiting for IL to be emitted and JIT-compiled: on the JIT the tree is
    /// interpreted first (building the interpreter's instructions costs a fraction of emitting and compiling IL, which
    /// for a large projection took milliseconds before a new shape's first row) while a thread-pool thread compiles it;
    /// <paramref name="swap"/> receives the compiled delegate when it is ready, for the next execution. Under NativeAOT
    /// the interpreted delegate is all there is, and nothing is queued.
    /// </summary>
    public static TDelegate CompileTiered<TDelegate>(Expression<TDelegate> lambda, Action<TDelegate> swap) where TDelegate : Delegate
    {
        if (!RuntimeFeature.IsDynamicCodeCompiled)
        {
            return lambda.Compile();
        }

        var interpreted = lambda.Compile(preferInterpretation: true);
        ThreadPool.UnsafeQueueUserWorkItem(static state =>
        {
            TDelegate compiled;
            try
            {
                compiled = state.Lambda.Compile();
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // The interpreted delegate computes the same rows; it simply stays.
                return;
            }

            state.Swap(compiled);
        }, (Lambda: lambda, Swap: swap), preferLocal: false);
        return interpreted;
    }
}
