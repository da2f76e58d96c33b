using Npgsql;

namespace Linq.Writing;

/// <summary>
/// One statement of a write that runs with others in one <see cref="NpgsqlBatch"/> (one round trip), in order, inside
/// one transaction (or savepoint). After the batch the checks decide between commit and roll back.
/// </summary>
internal sealed class WriteStep(string sql, NpgsqlParameter[] parameters)
{
    /// <summary>A step running <paramref name="statement"/>, bound with <paramref name="values"/> when it contains a filter plan's placeholders.</summary>
    public WriteStep(Sql.Syntax.SqlStatement statement, object?[]? values = null)
        : this(Execution.ParameterBinder.Render(statement, values))
    {
    }

    private WriteStep((string Sql, NpgsqlParameter[] Parameters) bound)
        : this(bound.Sql, bound.Parameters)
    {
    }

    public string Sql { get; } = sql;

    public NpgsqlParameter[] Parameters { get; } = parameters;

    /// <summary>Whether the statement returns rows (RETURNING or a final SELECT) that <see cref="OnRow"/> or the checks read.</summary>
    public bool ReturnsRows { get; init; }

    /// <summary>Called for every returned row.</summary>
    public Action<Npgsql.NpgsqlDataReader>? OnRow { get; init; }

    /// <summary>Counts in the first returned row, from <see cref="CheckOffset"/> on, that must match.</summary>
    public IReadOnlyList<WriteCheck> Checks { get; init; } = [];

    public int CheckOffset { get; init; }

    /// <summary>When set, the statement must return exactly one row, else <see cref="RecordNotFoundException"/> for this model and operation.</summary>
    public (string Model, string Operation)? ExpectOne { get; init; }

    /// <summary>Rows returned (or affected, for a statement that returns none), known after execution.</summary>
    public int Rows { get; set; }

    /// <summary>The first failed check or expectation, known after execution.</summary>
    public RecordNotFoundException? Failure { get; set; }
}
