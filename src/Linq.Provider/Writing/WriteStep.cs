using Linq.Execution;
using Linq.Writing.Nested;
using Npgsql;

namespace Linq.Writing;

/// <summary>
/// One statement of a write that runs with others in one <see cref="NpgsqlBatch"/> (one round trip), in order, inside
/// one transaction (or savepoint). After the batch the checks decide between commit and roll back: the executor only
/// runs the statements and reports their rows; the checks are evaluated here.
/// </summary>
internal sealed class WriteStep(string sql, NpgsqlParameter[] parameters) : IBatchStatement
{
    /// <summary>A step running <paramref name="statement"/>, bound with <paramref name="values"/> when it contains a filter plan's placeholders.</summary>
    public WriteStep(Sql.Syntax.SqlStatement statement, object?[]? values = null)
        : this(ParameterBinder.Render(statement, values))
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

    /// <summary>
    /// How far below the written row the statement writes (0: the row itself; a nested update's children 1, theirs 2):
    /// of several failures the shallowest is reported, since a missing row makes the writes under it fail too.
    /// </summary>
    public int Depth { get; set; }

    /// <summary>Rows returned (or affected, for a statement that returns none), known after execution.</summary>
    public int Rows { get; set; }

    /// <summary>The first failed check or expectation, known after execution.</summary>
    public RecordNotFoundException? Failure { get; set; }

    /// <summary>
    /// Runs the steps in one round trip, atomically when there is more than one or any has checks; a failed check
    /// rolls the whole write back and surfaces as its <see cref="RecordNotFoundException"/>.
    /// </summary>
    public static Task RunAsync(CommandExecutor executor, OperationInfo operation, IReadOnlyList<WriteStep> steps, CancellationToken cancellationToken)
    {
        var atomic = steps.Count > 1 || steps.Any(s => s.Checks.Count > 0);
        return executor.ExecuteBatchAsync(operation, steps, atomic, () => ThrowOnFailure(steps), cancellationToken);
    }

    void IBatchStatement.ReadRow(NpgsqlDataReader reader, int index)
    {
        if (index == 0)
        {
            foreach (var (check, i) in Checks.Select((c, i) => (c, i)))
            {
                if (Failure is null && reader.GetInt64(CheckOffset + i) != check.Expected)
                {
                    Failure = new RecordNotFoundException(check.Model, check.Operation);
                }
            }
        }

        OnRow?.Invoke(reader);
    }

    private static RecordNotFoundException? Shallowest(IReadOnlyList<WriteStep> steps)
    {
        WriteStep? found = null;
        foreach (var step in steps)
        {
            if (step.Failure is not null && (found is null || step.Depth < found.Depth))
            {
                found = step;
            }
        }

        return found?.Failure;
    }

    private static void ThrowOnFailure(IReadOnlyList<WriteStep> steps)
    {
        foreach (var step in steps)
        {
            if (step.ExpectOne is { } expected && step.Rows != 1 && step.Failure is null)
            {
                step.Failure = new RecordNotFoundException(expected.Model, expected.Operation);
            }
        }

        // The last step is the root row of an update: when it is missing, that is the error to report, not its children's;
        // otherwise the first failure of the shallowest depth (a child missing under its parent, not its own children's).
        if ((steps[^1] is { Failure: not null, Depth: 0 } root ? root.Failure : Shallowest(steps)) is { } failure)
        {
            throw failure;
        }
    }
}
