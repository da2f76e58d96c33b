using Linq.Contract;
using Linq.Execution;
using Linq.Sql.Syntax;
using Linq.Writing.Caching;
using Linq.Writing.Nested;
using Npgsql;

namespace Linq.Writing;

/// <summary>
/// createMany: rows are sent as one array per column and inserted with <c>INSERT … SELECT * FROM unnest($1::t[], …)</c>,
/// never one statement per row. Rows that leave different columns to the database form separate groups (one
/// statement each, in one transaction); a model with array columns, which unnest would flatten, uses a multi-row VALUES.
/// The unnest text of each shape is rendered once per model (<see cref="UnnestInsertCache"/>).
/// </summary>
internal static class BulkInserter
{
    public static async Task<(int Count, List<T> Rows)> InsertAsync<T>(LinqDatabase database, IEnumerable<ICreateInput<T>> items, bool skipDuplicates, bool returning,
        CancellationToken cancellationToken)
        where T : class, IModel<T>
    {
        var model = T.Metadata;
        var columns = Math.Max(1, model.Columns.Count);
        var groups = new Dictionary<RowCollector.RowShape, List<RowCollector>>();
        var nested = new RelationCollector(database);

        // A list or array of inputs: every row's values share one array (no array per row) while it stays small.
        var known = items.TryGetNonEnumeratedCount(out var count) ? count : 0;
        var shared = known > 0 && (long)known * columns <= SharedValuesLimit ? new object?[known * columns] : null;
        var index = 0;
        foreach (var item in items)
        {
            ArgumentNullException.ThrowIfNull(item);
            nested.Writes.Clear();
            item.WriteRelationsTo(nested);
            if (nested.Writes.Count > 0)
            {
                throw new ArgumentException("CreateManyAsync does not take nested writes (as Prisma's createMany); use CreateAsync for a row with children.", nameof(items));
            }

            var row = shared is not null && index < known ? new RowCollector(shared, index * columns, columns) : new RowCollector(columns);
            index++;
            item.WriteTo(row);
            if (!groups.TryGetValue(row.Mask, out var group))
            {
                // The first shape usually is the only one: sized for every row.
                groups[row.Mask] = group = new List<RowCollector>(groups.Count == 0 && known > 0 ? known : 4);
            }

            group.Add(row);
        }

        var rowCount = groups.Values.Sum(g => g.Count);
        if (rowCount == 0)
        {
            return (0, []);
        }

        // Large sets that need neither skipped duplicates nor the stored rows back go through binary COPY, the fastest path in.
        if (!skipDuplicates && !returning && rowCount >= CopyThreshold)
        {
            var copied = await database.Executor.CopyAsync(OperationInfo.Of(LinqOperation.CreateMany, model), model, [.. groups.Values], cancellationToken).ConfigureAwait(false);
            return (copied, []);
        }

        // The unnest form's text is cached per shape (a repeat only fills and binds the arrays); VALUES is rendered.
        var unnest = UnnestInsertCache.Of<T>();
        var statements = groups.Values.SelectMany(g => Chunks(model, g))
            .Select(g => UnnestInsertCache.Fits(model, g[0]) ? unnest.Get(model, g, skipDuplicates, returning) : ValuesStatement(model, g, skipDuplicates, returning))
            .ToList();
        var operation = OperationInfo.Of(LinqOperation.CreateMany, model);
        if (statements.Count == 1)
        {
            // One shape, one statement: atomic on its own, so it runs as a plain command rather than a batch.
            var (sql, parameters) = statements[0];
            if (returning)
            {
                var rows = await database.Executor.ListAsync(operation, sql, parameters, static reader => T.Metadata.Materialize(reader, 0), rowCount, cancellationToken).ConfigureAwait(false);
                return (rows.Count, rows);
            }

            return (await database.Executor.NonQueryAsync(operation, sql, parameters, cancellationToken).ConfigureAwait(false), []);
        }

        var results = new List<T>();
        var steps = statements.Select(s => new WriteStep(s.Sql, s.Parameters) { ReturnsRows = returning, OnRow = returning ? reader => results.Add(model.Materialize(reader, 0)) : null }).ToList();
        await WriteStep.RunAsync(database.Executor, operation, steps, cancellationToken).ConfigureAwait(false);
        return (steps.Sum(s => s.Rows), results);
    }

    // Slots of the shared values array (8,192 references, 64 KB): larger sets keep an array per row, off the large-object heap.
    private const int SharedValuesLimit = 8192;

    /// <summary>From this many rows on, a plain createMany uses binary COPY instead of unnest (measured in WriteBenchmarks).</summary>
    internal const int CopyThreshold = 1000;

    // PostgreSQL takes at most 65,535 parameters per statement: the multi-row VALUES form (one parameter per value)
    // is split into chunks that stay below it; the unnest form uses one parameter per column and never needs to.
    private static IEnumerable<List<RowCollector>> Chunks(ModelMetadata model, List<RowCollector> rows)
    {
        if (UnnestInsertCache.Fits(model, rows[0]))
        {
            return [rows];
        }

        var columns = Math.Max(1, rows[0].Count);
        var perStatement = Math.Max(1, MaxParameters / columns);
        return rows.Chunk(perStatement).Select(chunk => chunk.ToList());
    }

    private const int MaxParameters = 65_000;

    // Array columns (unnest would flatten them) or rows made only of defaults: a multi-row VALUES, one parameter per
    // value, so its text changes with the row count and is rendered on every call.
    private static (string Sql, NpgsqlParameter[] Parameters) ValuesStatement(ModelMetadata model, List<RowCollector> rows, bool skipDuplicates, bool returning)
    {
        var columns = rows[0].Ordinals.Select(o => model.Columns[o]).ToList();
        var returningItems = returning ? model.Columns.Select(c => new SqlSelectItem(new SqlColumnExpression(null, c.ColumnName))).ToList() : [];
        var listed = columns.Count > 0 ? columns : [model.Columns[0]];
        var values = new SqlInsertStatement
        {
            Table = new SqlTableReference(model.TableName),
            Columns = [.. listed.Select(c => c.ColumnName)],
            Rows = [.. rows.Select(r => (IReadOnlyList<SqlExpression>)[.. listed.Select(c =>
            {
                if (!r.TryGet(c.Ordinal, out var value))
                {
                    return (SqlExpression)SqlDefaultExpression.Instance;
                }

                return new SqlParameter<object?>(value, c.StoreType);
            })])],
            OnConflictDoNothing = skipDuplicates,
            Returning = returningItems,
        };
        return ParameterBinder.Render(values);
    }
}
