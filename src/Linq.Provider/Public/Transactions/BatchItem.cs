using Linq.Execution;
using Npgsql;

namespace Linq;

/// <summary>
/// One query or write of a batch transaction (<see cref="TransactionExtensions.TransactionAsync{T1, T2}(LinqDatabase, BatchItem{T1}, BatchItem{T2}, CancellationToken)"/>),
/// made by <see cref="Batch"/>. It holds its statement until the batch runs.
/// </summary>
/// <typeparam name="T">What the item returns.</typeparam>
public sealed class BatchItem<T>
{
    internal BatchItem(LinqDatabase database, string sql, NpgsqlParameter[] parameters, Func<NpgsqlDataReader, CancellationToken, ValueTask<T>> read)
    {
        Database = database;
        Sql = sql;
        Parameters = parameters;
        Read = read;
    }

    internal LinqDatabase Database { get; }

    /// <summary>
    /// Renders the item again once the client knows which decimal columns the database bounds: set on a write built
    /// before that was known, which carries the decimal guard (see <see cref="Execution.DecimalBounds"/>).
    /// </summary>
    internal Func<(string Sql, NpgsqlParameter[] Parameters)>? RenderWithBounds { get; init; }

    /// <summary>Whether the batch should learn the decimal bounds before it runs, so this item can leave the guard out.</summary>
    internal bool AwaitsDecimalBounds => RenderWithBounds is not null && !Database.DecimalBounds.IsKnown;

    internal string Sql { get; }

    internal NpgsqlParameter[] Parameters { get; }

    // Reads the item's one result set (the reader is positioned on it). A ValueTask: the rows are usually buffered
    // already, so the read completes synchronously and allocates no task.
    internal Func<NpgsqlDataReader, CancellationToken, ValueTask<T>> Read { get; }

    // The item as the executor runs it, storing its result in results[index]: one small object per item, no closures.
    internal BatchCommandSpec Spec(object?[] results, int index)
    {
        var (sql, parameters) = RenderWithBounds is { } render && Database.DecimalBounds.IsKnown ? render() : (Sql, Parameters);
        return new(Database, sql, parameters, new Slot(this, results, index).ReadAsync);
    }

    private sealed class Slot(BatchItem<T> item, object?[] results, int index)
    {
        public async ValueTask ReadAsync(NpgsqlDataReader reader, CancellationToken cancellationToken) =>
            results[index] = await item.Read(reader, cancellationToken).ConfigureAwait(false);
    }
}
