using System.Linq.Expressions;
using Linq.Execution;
using Linq.Modeling;
using Linq.Querying;
using Linq.Sql.Rendering;
using Linq.Sql.Syntax;
using Npgsql;

namespace Linq.Writing;

/// <summary>
/// Updates, deletes and upserts of one table, each one statement (so each is atomic on its own). The rows a
/// LINQ filter selects are found by the filter's cached plan, used as <c>WHERE key IN (SELECT key …)</c>.
/// </summary>
internal sealed class TableWriter<T>(LinqDatabase database, QueryProvider provider) where T : class, IModel<T>
{
    private const string Target = "target";

    private static ModelMetadata<T> Model => T.Metadata;

    public async Task<T> UpdateAsync(IQueryable<T> table, Expression<Func<T, bool>> uniqueWhere, IUpdateInput<T> data, CancellationToken cancellationToken)
    {
        UniqueKeyMatcher.EnsureUnique(Model, uniqueWhere);
        var (where, parameters) = Filter(table.Where(uniqueWhere));
        var writer = new UpdateValueWriter(parameters, Target);
        data.WriteTo(writer);
        if (writer.Assignments.Count == 0)
        {
            return await table.Where(uniqueWhere).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false)
                ?? throw new RecordNotFoundException(Model.Name, "update");
        }

        var update = new UpdateStatement { Table = new TableReference(Model.TableName, Target), Set = writer.Assignments, Where = where, Returning = Returning() };
        var rows = await database.Executor.ListAsync(PostgresRenderer.Render(update).Text, [.. parameters], Materialize, cancellationToken).ConfigureAwait(false);
        return rows.Count > 0 ? rows[0] : throw new RecordNotFoundException(Model.Name, "update");
    }

    public Task<int> UpdateManyAsync(IQueryable<T> filtered, IUpdateInput<T> data, CancellationToken cancellationToken)
    {
        var (where, parameters) = Filter(filtered);
        var writer = new UpdateValueWriter(parameters, Target);
        data.WriteTo(writer);
        if (writer.Assignments.Count == 0)
        {
            return Task.FromResult(0);
        }

        var update = new UpdateStatement { Table = new TableReference(Model.TableName, Target), Set = writer.Assignments, Where = where };
        return database.Executor.NonQueryAsync(PostgresRenderer.Render(update).Text, [.. parameters], cancellationToken);
    }

    public async Task<T> DeleteAsync(IQueryable<T> table, Expression<Func<T, bool>> uniqueWhere, CancellationToken cancellationToken)
    {
        UniqueKeyMatcher.EnsureUnique(Model, uniqueWhere);
        var (where, parameters) = Filter(table.Where(uniqueWhere));
        var delete = new DeleteStatement { Table = new TableReference(Model.TableName, Target), Where = where, Returning = Returning() };
        var rows = await database.Executor.ListAsync(PostgresRenderer.Render(delete).Text, [.. parameters], Materialize, cancellationToken).ConfigureAwait(false);
        return rows.Count > 0 ? rows[0] : throw new RecordNotFoundException(Model.Name, "delete");
    }

    public Task<int> DeleteManyAsync(IQueryable<T> filtered, CancellationToken cancellationToken)
    {
        var (where, parameters) = Filter(filtered);
        var delete = new DeleteStatement { Table = new TableReference(Model.TableName, Target), Where = where };
        return database.Executor.NonQueryAsync(PostgresRenderer.Render(delete).Text, [.. parameters], cancellationToken);
    }

    /// <summary>
    /// <c>INSERT … ON CONFLICT (unique key) DO UPDATE … RETURNING</c>: atomic, so concurrent upserts of one key make
    /// one row and no error. With nothing to update, the key is assigned to itself so the existing row is returned.
    /// </summary>
    public async Task<T> UpsertAsync(Expression<Func<T, bool>> uniqueWhere, ICreateInput<T> create, IUpdateInput<T> update, CancellationToken cancellationToken)
    {
        var key = UniqueKeyMatcher.EnsureUnique(Model, uniqueWhere, out var keyValues);
        EnsureCreateMatchesKey(key, keyValues, create);
        var parameters = new List<NpgsqlParameter>();
        var insert = new InsertValueWriter(parameters);
        create.WriteTo(insert);
        var set = new UpdateValueWriter(parameters, Target);
        update.WriteTo(set);
        var assignments = set.Assignments.Count > 0
            ? set.Assignments
            : [new Assignment(key.Columns[0].ColumnName, new ColumnExpression("excluded", key.Columns[0].ColumnName))];
        var statement = new InsertStatement
        {
            Table = new TableReference(Model.TableName, Target),
            Columns = insert.Columns,
            Rows = [insert.Values],
            OnConflictUpdate = new OnConflictUpdate([.. key.Columns.Select(c => c.ColumnName)], assignments),
            Returning = Returning(),
        };
        return await database.Executor.SingleAsync(PostgresRenderer.Render(statement).Text, [.. parameters], Materialize, RowCardinality.Single, cancellationToken)
            .ConfigureAwait(false);
    }

    // The conflict target is the key's columns in the create data, so the create data must carry the very values the
    // filter names; otherwise the upsert would silently act on another row (or never conflict, for a generated key).
    private static void EnsureCreateMatchesKey(KeyMetadata key, Dictionary<string, Expression> keyValues, ICreateInput<T> create)
    {
        var row = new RowCollector();
        create.WriteTo(row);
        foreach (var column in key.Columns)
        {
            if (!row.Values.TryGetValue(column.Ordinal, out var created))
            {
                throw new ArgumentException(
                    $"UpsertAsync on '{Model.Name}' by ({key.Describe()}) needs the create data to set {column.PropertyName}; it is generated by the database. Upsert by another unique key.",
                    "create");
            }

            var wanted = Querying.Caching.Evaluator.Evaluate(keyValues[column.PropertyName]);
            if (!Equals(Normalize(wanted), Normalize(created)))
            {
                throw new ArgumentException($"UpsertAsync on '{Model.Name}': the filter's {column.PropertyName} and the create data's {column.PropertyName} differ.", "create");
            }
        }
    }

    private static object? Normalize(object? value) => value is DateTimeOffset offset ? offset.ToUniversalTime() : value;

    // The filter's own plan (cached like any query), selecting only the primary key, as the set of rows to write.
    private (SqlExpression Where, List<NpgsqlParameter> Parameters) Filter(IQueryable<T> filtered)
    {
        var (plan, values) = provider.Prepare(filtered.Expression);
        var select = plan.Statement ?? throw new InvalidOperationException("The filter has no statement.");
        if (select.From is not TableReference { Alias: { } alias } || select.Limit is not null || select.Offset is not null || select.Distinct)
        {
            throw new QueryTranslationException(filtered.Expression, "a write can only be filtered with Where.");
        }

        var keys = Model.PrimaryKey.Columns;
        var subquery = select with { Items = [.. keys.Select(c => new SelectItem(new ColumnExpression(alias, c.ColumnName)))], OrderBy = [] };
        SqlExpression target = keys.Count == 1
            ? new ColumnExpression(Target, keys[0].ColumnName)
            : new RowValueExpression([.. keys.Select(c => (SqlExpression)new ColumnExpression(Target, c.ColumnName))]);
        return (new InSubqueryExpression(target, subquery), [.. plan.Bind(values)]);
    }

    private static List<SelectItem> Returning() => [.. Model.Columns.Select(c => new SelectItem(new ColumnExpression(Target, c.ColumnName)))];

    private static T Materialize(NpgsqlDataReader reader) => T.Metadata.Materialize(reader, 0);
}
