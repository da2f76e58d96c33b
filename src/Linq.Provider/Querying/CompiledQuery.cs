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
internal sealed class CompiledQuery(RenderedSql rendered, Delegate shaper, RowCardinality? single)
{
    private readonly SqlParameterExpression[] _parameters = [.. rendered.Parameters];

    public string Sql { get; } = rendered.Text;

    /// <summary>The parameters, <c>Parameters[0]</c> being <c>$1</c>.</summary>
    public IReadOnlyList<SqlParameterExpression> Parameters => _parameters;

    /// <summary>A <c>Func&lt;NpgsqlDataReader, TRow&gt;</c>.</summary>
    public Delegate Shaper { get; } = shaper;

    /// <summary>Null for sequences; the rule for single-row results otherwise.</summary>
    public RowCardinality? Single { get; } = single;

    /// <summary>For ToPageAsync plans: what a cursor token of this query is checked against (model and ordering).</summary>
    public string? PageSignature { get; init; }

    /// <summary>Relations loaded after this statement by statements of their own (<see cref="LoadStrategy.Query"/>).</summary>
    public IReadOnlyList<FollowUpQuery> FollowUps { get; init; } = [];

    /// <summary>New <see cref="NpgsqlParameter"/>s for one execution, from its values.</summary>
    public NpgsqlParameter[] Bind(object?[] values) => ParameterBinder.Bind(_parameters, values);
}
