using System.Linq.Expressions;

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
}
