using System.Linq.Expressions;
using Linq.Execution;
using Linq.Querying.Relations;
using Linq.Sql.Rendering;
using Linq.Sql.Syntax;
using Npgsql;

namespace Linq.Querying;

/// <summary>
/// A cached plan: SQL text, its parameters in <c>$n</c> order (placeholders that read each execution's values, and
/// constants of the plan), the row shaper and, for single results, the cardinality rule. Immutable and shared by every
/// execution of the same shape; an execution only binds the parameters.
/// </summary>
/// <remarks>
/// The shaper is kept as an expression over the data reader and compiled on first use to the delegate type its caller
/// names (<see cref="Shaper{T}"/>): the row type is then a type argument of compiled code, never a delegate type made at
/// run time, which NativeAOT could not provide (see <see cref="ShaperCompiler"/>). A query returning the rows themselves
/// needs no expression: it gets the model's generated row reader (<c>directShaper</c>).
/// </remarks>
internal sealed class CompiledQuery(RenderedSql rendered, ParameterExpression reader, Expression shaper, RowCardinality? single,
    Delegate? directShaper = null)
{
    private readonly SqlParameterExpression[] _parameters = [.. rendered.Parameters];
    private readonly Lock _compiling = new();
    private Delegate? _shaper = directShaper;

    public string Sql { get; } = rendered.Text;

    /// <summary>The parameters, <c>Parameters[0]</c> being <c>$1</c>.</summary>
    public IReadOnlyList<SqlParameterExpression> Parameters => _parameters;

    /// <summary>The row shaper as a <c>Func&lt;NpgsqlDataReader, T&gt;</c>; <typeparamref name="T"/> is the row type (or a base of it).</summary>
    public Func<NpgsqlDataReader, T> Shaper<T>() => _shaper as Func<NpgsqlDataReader, T> ?? Compile<T>();

    private Func<NpgsqlDataReader, T> Compile<T>()
    {
        lock (_compiling)
        {
            if (_shaper is Func<NpgsqlDataReader, T> compiled)
            {
                return compiled;
            }

            var body = shaper.Type == typeof(T) ? shaper : Expression.Convert(shaper, typeof(T));
            // The first rows of a new shape are read by the interpreted tree; the compiled one takes over when ready.
            compiled = ShaperCompiler.CompileTiered(Expression.Lambda<Func<NpgsqlDataReader, T>>(body, reader), fast =>
            {
                lock (_compiling)
                {
                    if (_shaper is Func<NpgsqlDataReader, T>)
                    {
                        _shaper = fast;
                    }
                }
            });
            _shaper = compiled;
            return compiled;
        }
    }

    /// <summary>Null for sequences; the rule for single-row results otherwise.</summary>
    public RowCardinality? Single { get; } = single;

    /// <summary>For list plans whose <c>LIMIT</c> is a bound <c>Take</c> count: the result list's initial size per execution.</summary>
    public RowCapacity? Capacity { get; init; }

    /// <summary>The result list's initial size for one execution (0: the list's own default).</summary>
    public int CapacityFor(object?[] values) => Capacity?.For(values) ?? 0;

    /// <summary>For ToPageAsync plans: what a cursor token of this query is checked against (model and ordering).</summary>
    public string? PageSignature { get; init; }

    /// <summary>For ToPageAsync plans: reads each row's ordering keys (for the next cursor).</summary>
    public Paging.PageKeyReader? PageKeys { get; init; }

    /// <summary>Relations loaded after this statement by statements of their own (<see cref="LoadStrategy.Query"/>).</summary>
    public IReadOnlyList<FollowUpQuery> FollowUps { get; init; } = [];

    /// <summary>OnPrimary(): never on a read replica. Set once while the plan is built, before it is cached.</summary>
    public bool OnPrimary { get; internal set; }

    /// <summary>Whether <see cref="FollowUps"/> were chosen by shape (no strategy named), so a one-statement plan may stand in.</summary>
    public bool BatchedByDefault { get; init; }

    private CompiledQuery? _singleStatement;

    /// <summary>
    /// The same query as one statement (unnamed strategies as <see cref="LoadStrategy.Join"/>), built on first need and
    /// kept here: it belongs to the same shape, so the plan cache entry carries it.
    /// </summary>
    public CompiledQuery SingleStatement(Func<CompiledQuery> build) =>
        Volatile.Read(ref _singleStatement) ?? Interlocked.CompareExchange(ref _singleStatement, build(), null) ?? _singleStatement!;

    /// <summary>
    /// A single-result plan's statement as a tree (null for sequences): concurrent finds of the same plan are sent as one
    /// statement built around it (<see cref="Batching.FindBatcher{T}"/>).
    /// </summary>
    public SqlSelectStatement? Statement { get; init; }

    private object? _batcher;

    /// <summary>The plan's batcher of concurrent finds (<see cref="LinqDatabaseOptions.BatchFinds"/>), made on first need and kept with the plan.</summary>
    public Batching.FindBatcher<T> Batcher<T>(Func<CompiledQuery, Batching.FindBatcher<T>> create) =>
        Volatile.Read(ref _batcher) as Batching.FindBatcher<T> ?? CreateBatcher(create);

    private Batching.FindBatcher<T> CreateBatcher<T>(Func<CompiledQuery, Batching.FindBatcher<T>> create)
    {
        var made = create(this);
        return Interlocked.CompareExchange(ref _batcher, made, null) as Batching.FindBatcher<T> ?? made;
    }

    /// <summary>Every statement the plan runs (the root, then its follow-ups depth first), for ToSql.</summary>
    public string AllSql()
    {
        if (FollowUps.Count == 0)
        {
            return Sql;
        }

        var statements = new List<string> { Sql };
        void Add(IReadOnlyList<FollowUpQuery> followUps)
        {
            foreach (var followUp in followUps)
            {
                statements.Add(followUp.Statement.Sql);
                Add(followUp.Children);
            }
        }

        Add(FollowUps);
        return string.Join(";\n", statements);
    }

    /// <summary>What the query is (find, count, …) and the model it starts from: for logs, spans and interceptors.</summary>
    public OperationInfo Operation { get; internal set; } = OperationInfo.Of(LinqOperation.FindMany);

    /// <summary>New <see cref="NpgsqlParameter"/>s for one execution, from its values.</summary>
    public NpgsqlParameter[] Bind(object?[] values) => ParameterBinder.Bind(_parameters, values);
}
