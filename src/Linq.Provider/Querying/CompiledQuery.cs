using Linq.Execution;
using Linq.Querying.Relations;
using Npgsql;

namespace Linq.Querying;

/// <summary>
/// A cached plan: SQL text, how to bind each parameter from an execution's values, the row shaper and,
/// for single results, the cardinality rule. Immutable and shared by every execution of the same shape.
/// </summary>
internal sealed class CompiledQuery(string sql, ParameterSlot[] slots, Delegate shaper, RowCardinality? single)
{
    public string Sql { get; } = sql;

    public IReadOnlyList<ParameterSlot> Slots => slots;

    /// <summary>A <c>Func&lt;NpgsqlDataReader, TRow&gt;</c>.</summary>
    public Delegate Shaper { get; } = shaper;

    /// <summary>Null for sequences; the rule for single-row results otherwise.</summary>
    public RowCardinality? Single { get; } = single;

    /// <summary>For ToPageAsync plans: what a cursor token of this query is checked against (model and ordering).</summary>
    public string? PageSignature { get; init; }

    /// <summary>Relations loaded after this statement by statements of their own (<see cref="LoadStrategy.Query"/>).</summary>
    public IReadOnlyList<FollowUpQuery> FollowUps { get; init; } = [];

    public NpgsqlParameter[] Bind(object?[] values) => ParameterSlot.Bind(slots, values);
}
