using System.Linq.Expressions;
using Linq.Querying.Caching;

namespace Linq.Querying.Compiled;

/// <summary>
/// The untyped core of a compiled query (<see cref="CompiledQuery"/>): checks the lambda once, walks it once, and per
/// call binds the arguments into the plan of the same query written inline (one plan-cache lookup by a shape it already
/// has). Extended clients (<c>WithExtensions</c>) take the inline path with the arguments as values: their filters are
/// applied to the tree per call, as for any query of theirs.
/// </summary>
internal sealed class QueryTemplate
{
    private readonly ParameterExpression _database;
    private readonly ParameterExpression[] _arguments;
    private readonly Expression _body;
    private readonly Expression[] _slots;
    private PreparedTemplate? _prepared;

    /// <param name="query">The lambda: the database first, then the arguments.</param>
    /// <param name="slots">One <see cref="ArgumentSlot{T}"/> node per argument, in order.</param>
    /// <param name="sequence">Whether the body is a query whose rows are returned (else one value: an element operator or an aggregate).</param>
    public QueryTemplate(LambdaExpression query, Expression[] slots, bool sequence)
    {
        ArgumentNullException.ThrowIfNull(query);
        _database = query.Parameters[0];
        _arguments = [.. query.Parameters.Skip(1)];
        _body = query.Body;
        _slots = slots;

        foreach (var argument in _arguments)
        {
            if (typeof(IQueryable).IsAssignableFrom(argument.Type))
            {
                throw new ArgumentException($"The compiled query's argument '{argument.Name}' is a query: a compiled query's arguments are values. Write the query inside the compiled query's body.", nameof(query));
            }
        }

        if (!sequence && !(_body is MethodCallExpression call && Caching.Operators.IsQueryOperator(call.Method) && !typeof(IQueryable).IsAssignableFrom(_body.Type)))
        {
            throw new ArgumentException(
                $"A compiled query's body must end in an operator that returns one value (First, FirstOrDefault, Single, SingleOrDefault, Count, Any, All, Sum, Min, Max, Average, …) or be a query (then compile it with CompiledQuery.CreateList, run with ToListAsync); found '{_body}'. Write db.Users.FirstOrDefault(u => …) rather than an async operator or a member of the result.",
                nameof(query));
        }

        new DatabaseUseCheck(_database).Visit(_body);

        // Which values the arguments become can be checked now: a table's root stands in for each table (no client yet).
        var standIn = new TemplateRewriter(_database, static member => Expression.Constant(null, member.Type), Expression.Constant(null, _database.Type),
            _arguments, _slots).Visit(_body)!;
        ArgumentUseCheck.Check(standIn, _slots, _arguments);
    }

    public Task<TResult> SingleAsync<TResult>(LinqDatabase database, ReadOnlySpan<object?> arguments, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(database);
        var provider = database.QueryProvider;
        if (database.Extensions is not null)
        {
            return provider.ExecuteAsync<TResult>(Inline(database, arguments), cancellationToken);
        }

        var prepared = Prepared(database);
        Span<long> shape = prepared.ShapeLength <= 512 ? stackalloc long[prepared.ShapeLength] : new long[prepared.ShapeLength];
        var values = prepared.Bind(arguments, shape);
        return provider.RunPreparedAsync<TResult>(provider.PrepareShaped(prepared.Expression, shape, values), values, cancellationToken);
    }

    public Task<List<T>> ListAsync<T>(LinqDatabase database, ReadOnlySpan<object?> arguments, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(database);
        var provider = database.QueryProvider;
        if (database.Extensions is not null)
        {
            return provider.ToListAsync<T>(Inline(database, arguments), cancellationToken);
        }

        var prepared = Prepared(database);
        Span<long> shape = prepared.ShapeLength <= 512 ? stackalloc long[prepared.ShapeLength] : new long[prepared.ShapeLength];
        var values = prepared.Bind(arguments, shape);
        return provider.RunPreparedListAsync<T>(provider.PrepareShaped(prepared.Expression, shape, values), values, cancellationToken);
    }

    /// <summary>The query as the client would see it written inline, the arguments as constants.</summary>
    private Expression Inline(LinqDatabase database, ReadOnlySpan<object?> arguments)
    {
        var constants = new Expression[_arguments.Length];
        for (var i = 0; i < constants.Length; i++)
        {
            constants[i] = Expression.Constant(arguments[i], _arguments[i].Type);
        }

        return Rewrite(database, constants);
    }

    private Expression Rewrite(LinqDatabase database, IReadOnlyList<Expression> replacements) =>
        new TemplateRewriter(_database, member => TableRoot(database, member), Expression.Constant(database, _database.Type), _arguments, replacements).Visit(_body)!;

    private static Expression TableRoot(LinqDatabase database, MemberExpression member) =>
        Evaluator.Evaluate(Expression.MakeMemberAccess(Expression.Constant(database, member.Expression!.Type), member.Member)) is IQueryable table
            ? table.Expression
            : throw new QueryTranslationException(member, "the member returned null instead of a table.");

    // Walked on the first call (the tables come from a client); a race builds it twice, and either result serves.
    private PreparedTemplate Prepared(LinqDatabase database) =>
        Volatile.Read(ref _prepared) ?? Interlocked.CompareExchange(ref _prepared, PreparedTemplate.Create(Rewrite(database, _slots), _slots, _arguments), null) ?? _prepared!;

    /// <summary>The database parameter may only name a table or view (<c>db.Users</c>): anything else would need the client while the tree is built.</summary>
    private sealed class DatabaseUseCheck(ParameterExpression database) : ExpressionVisitor
    {
        // The result cache's policy is read from the tree per call by the inline path only; a compiled query would skip it.
        protected override Expression VisitMethodCall(MethodCallExpression node) =>
            node.Method.DeclaringType == typeof(CacheQueryableExtensions)
                ? throw new ArgumentException("A compiled query cannot use .Cache(…): the result cache reads its policy from each call's tree. Run the query inline with .Cache(…), or remove it.")
                : base.VisitMethodCall(node);

        protected override Expression VisitMember(MemberExpression node) =>
            node.Expression == database && typeof(IQueryable).IsAssignableFrom(node.Type) ? node : base.VisitMember(node);

        protected override Expression VisitParameter(ParameterExpression node) =>
            node == database
                ? throw new ArgumentException($"A compiled query uses its database parameter '{node.Name}' only to name a table or view ({node.Name}.Users); pass anything else it needs as an argument.")
                : node;
    }
}
