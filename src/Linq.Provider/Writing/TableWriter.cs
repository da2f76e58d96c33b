using System.Linq.Expressions;
using Linq.Contract;
using Linq.Execution;
using Linq.Querying.Filters;
using Linq.Sql.Syntax;
using Linq.Writing.Caching;
using Linq.Writing.Nested;
using Npgsql;

namespace Linq.Writing;

/// <summary>
/// Updates, deletes and upserts of one table, each one statement (so each is atomic on its own); an update with
/// nested writes is one batch in one transaction (<see cref="NestedUpdatePlanner"/>). The rows a LINQ filter selects
/// are found by the filter's cached plan: its predicate in the statement's WHERE, or <c>key IN (SELECT key …)</c> when
/// it reads joined rows (<see cref="FilterPlanner.RowCondition{T}"/>).
/// </summary>
internal sealed class TableWriter<T>(LinqDatabase database) where T : class, IModel<T>
{
    private const string Target = FilterPlanner.Target;

    // Texts by shape, shared by every database and scope writing this model (the text depends on its metadata alone).
    private static readonly WriteStatementCache Statements = new();

    private static ModelMetadata<T> Model => T.Metadata;

    public async Task<T> UpdateAsync(IQueryable<T> table, Expression<Func<T, bool>> uniqueWhere, IUpdateInput<T> data, CancellationToken cancellationToken)
    {
        if (RelationProbe.Has(Model, data))
        {
            KeyPredicate.BuildChecked(Model, uniqueWhere, Target, out _, out _);
            return await NestedUpdateAsync(uniqueWhere, data, cancellationToken).ConfigureAwait(false);
        }

        // The set fields first, then the filter: the order their parameters take in the text. Values only: a cached
        // shape needs no SQL tree, so the full writer below builds one only on a miss (or for a filtered client).
        var shape = WriteShape.Take('U');
        var values = new UpdateValueWriter(Target, Model, shape, valuesOnly: true);
        data.WriteTo(values);
        if (values.Count == 0)
        {
            shape.Release();
            // A unique key is matched directly (WHERE "Email" = $1): no query plan, and the simplest statement for the server.
            var key = KeyPredicate.BuildChecked(Model, uniqueWhere, Target, out var keyOnly, out var tokens);
            return await table.Where(uniqueWhere).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false)
                ?? await NotFoundAsync(keyOnly, tokens, "update", cancellationToken).ConfigureAwait(false);
        }

        var where = KeyPredicate.BuildChecked(Model, uniqueWhere, Target, out _, out var checkedTokens, shape);
        var hasFilter = HasFilter;
        if (hasFilter || !Statements.TryBind(shape, out var statement))
        {
            statement = hasFilter ? FilteredUpdate(where, Full(data)) : FullUpdate(uniqueWhere, data);
        }

        shape.Release();

        var (sql, parameters) = statement;
        // Interceptors see the rows as a list, as for every write that returns rows.
        // Capacity 1: a unique key matches at most one row.
        var rows = await database.Executor.ListAsync(OperationInfo.Of(LinqOperation.Update, Model), sql, parameters, Materialize, 1, cancellationToken).ConfigureAwait(false);
        return rows.Count > 0 ? rows[0] : await NotFoundAsync(uniqueWhere, checkedTokens, "update", cancellationToken).ConfigureAwait(false);
    }

    private static UpdateValueWriter Full(IUpdateInput<T> data, WriteShape? shape = null)
    {
        var writer = new UpdateValueWriter(Target, Model, shape);
        data.WriteTo(writer);
        return writer;
    }

    // A shape not cached yet: the input written again, now with the tree, and rendered (and cached when it can be).
    private static (string Sql, NpgsqlParameter[] Parameters) FullUpdate(Expression<Func<T, bool>> uniqueWhere, IUpdateInput<T> data)
    {
        var shape = new WriteShape('U');
        var writer = Full(data, shape);
        var where = KeyPredicate.BuildChecked(Model, uniqueWhere, Target, out _, out _, shape);
        return Statements.Get(shape, (writer, where), static s =>
            new SqlUpdateStatement { Table = new SqlTableReference(Model.TableName, Target), Set = s.writer.Assignments, Where = s.where, Returning = Returning() });
    }

    // Its own method: a lambda capturing the writer in UpdateAsync would allocate its closure on every update, filtered or not.
    private (string Sql, NpgsqlParameter[] Parameters) FilteredUpdate(SqlExpression keyCondition, UpdateValueWriter writer) =>
        Filtered(keyCondition, w => new SqlUpdateStatement { Table = new SqlTableReference(Model.TableName, Target), Set = writer.Assignments, Where = w, Returning = Returning() });

    /// <summary>One row without nested writes: <c>INSERT … VALUES … RETURNING</c>, its text cached by the columns the input sets.</summary>
    public Task<T> CreateAsync(ICreateInput<T> input, CancellationToken cancellationToken)
    {
        var shape = WriteShape.Take('C');
        var writer = new InsertValueWriter(shape);
        input.WriteTo(writer);
        var (sql, parameters) = Statements.Get(shape, writer, static w => w.Statement(Model));
        shape.Release();
        return database.Executor.SingleAsync(OperationInfo.Of(LinqOperation.Create, Model), sql, parameters, Materialize, RowCardinality.Single, cancellationToken);
    }

    // The children's writes and then the row's own UPDATE … RETURNING, in one batch and one transaction.
    private async Task<T> NestedUpdateAsync(Expression<Func<T, bool>> uniqueWhere, IUpdateInput<T> data, CancellationToken cancellationToken)
    {
        var steps = new List<WriteStep>();
        NestedUpdatePlanner.Plan(database, Model, uniqueWhere, data, steps);
        var (condition, filterValues) = Visible(KeyPredicate.BuildChecked(Model, uniqueWhere, Target, out var keyOnly, out var tokens));
        var writer = new UpdateValueWriter(Target, Model);
        data.WriteTo(writer);
        SqlStatement root = writer.Assignments.Count > 0
            ? new SqlUpdateStatement { Table = new SqlTableReference(Model.TableName, Target), Set = writer.Assignments, Where = condition, Returning = Returning() }
            : new SqlSelectStatement { Items = Returning(), From = new SqlTableReference(Model.TableName, Target), Where = condition };
        T? row = null;
        steps.Add(new WriteStep(root, filterValues)
        {
            ReturnsRows = true,
            OnRow = reader => row = Materialize(reader),
            ExpectOne = (Model.Name, "update"),
        });
        try
        {
            await WriteStep.RunAsync(database.Executor, OperationInfo.Of(LinqOperation.Update, Model), steps, cancellationToken).ConfigureAwait(false);
        }
        catch (RecordNotFoundException missing) when (tokens.Count > 0 && missing.Model == Model.Name && steps[^1].Failure == missing)
        {
            // The root row failed its token check (the batch rolled back): a conflict if the row still exists.
            await NotFoundAsync(keyOnly, tokens, "update", cancellationToken).ConfigureAwait(false);
            throw;
        }

        return row ?? throw new RecordNotFoundException(Model.Name, "update");
    }

    /// <summary>
    /// <c>UPDATE … SET … WHERE &lt;filter&gt;</c> (<see cref="FilterPlanner.RowCondition{T}"/>), its text cached with the
    /// filter's plan by the fields the input sets: a repeated call of one filter shape and one input shape only binds values.
    /// </summary>
    public Task<int> UpdateManyAsync(Table<T> table, Expression<Func<T, bool>> filter, IUpdateInput<T> data, CancellationToken cancellationToken)
    {
        NoNestedWrites(data, "UpdateManyAsync");
        var (compiled, values) = FilterPlanner.Compile(table, filter);

        // Values only, as for UpdateAsync: the set fields' parameters come first in the text, then the filter's.
        var shape = WriteShape.Take('M');
        var writer = new UpdateValueWriter(Target, Model, shape, valuesOnly: true);
        data.WriteTo(writer);
        if (writer.Count == 0)
        {
            shape.Release();
            return Task.FromResult(0);
        }

        var statements = FilteredStatementCache.Of(compiled);
        if (statements is null || !statements.TryBind(shape, values, out var statement))
        {
            statement = FullUpdateMany(compiled, values, data, statements);
        }

        shape.Release();
        var (sql, parameters) = statement;
        return database.Executor.NonQueryAsync(OperationInfo.Of(LinqOperation.UpdateMany, Model), sql, parameters, cancellationToken);
    }

    // A shape not cached with this filter yet: the input written again, now with the tree over the statement's row alias.
    private static (string Sql, NpgsqlParameter[] Parameters) FullUpdateMany(CompiledFilter filter, object?[] values, IUpdateInput<T> data, FilteredStatementCache? statements)
    {
        var (alias, where) = FilterPlanner.RowCondition<T>(filter);
        var shape = new WriteShape('M');
        var writer = new UpdateValueWriter(alias, Model, shape);
        data.WriteTo(writer);
        var update = new SqlUpdateStatement { Table = new SqlTableReference(Model.TableName, alias), Set = writer.Assignments, Where = where };
        return statements is null ? ParameterBinder.Render(update, values) : statements.Render(shape, update, values);
    }

    public async Task<T> DeleteAsync(IQueryable<T> table, Expression<Func<T, bool>> uniqueWhere, CancellationToken cancellationToken)
    {
        var shape = new WriteShape('D');
        var where = KeyPredicate.BuildChecked(Model, uniqueWhere, Target, out _, out var tokens, shape);
        var (sql, parameters) = HasFilter
            ? Filtered(where, static w => new SqlDeleteStatement { Table = new SqlTableReference(Model.TableName, Target), Where = w, Returning = Returning() })
            : Statements.Get(shape, where, static w =>
                new SqlDeleteStatement { Table = new SqlTableReference(Model.TableName, Target), Where = w, Returning = Returning() });
        var rows = await database.Executor.ListAsync(OperationInfo.Of(LinqOperation.Delete, Model), sql, parameters, Materialize, cancellationToken).ConfigureAwait(false);
        return rows.Count > 0 ? rows[0] : await NotFoundAsync(uniqueWhere, tokens, "delete", cancellationToken).ConfigureAwait(false);
    }

    /// <summary><c>DELETE … WHERE &lt;filter&gt;</c> (<see cref="FilterPlanner.RowCondition{T}"/>), its text cached with the filter's plan.</summary>
    public Task<int> DeleteManyAsync(Table<T> table, Expression<Func<T, bool>> filter, CancellationToken cancellationToken)
    {
        var (compiled, values) = FilterPlanner.Compile(table, filter);
        var shape = WriteShape.Take('X');
        var statements = FilteredStatementCache.Of(compiled);
        if (statements is null || !statements.TryBind(shape, values, out var statement))
        {
            var (alias, where) = FilterPlanner.RowCondition<T>(compiled);
            var delete = new SqlDeleteStatement { Table = new SqlTableReference(Model.TableName, alias), Where = where };
            statement = statements is null ? ParameterBinder.Render(delete, values) : statements.Render(shape, delete, values);
        }

        shape.Release();
        var (sql, parameters) = statement;
        return database.Executor.NonQueryAsync(OperationInfo.Of(LinqOperation.DeleteMany, Model), sql, parameters, cancellationToken);
    }

    /// <summary>
    /// <c>INSERT … ON CONFLICT (unique key) DO UPDATE … RETURNING</c>: atomic, so concurrent upserts of one key make
    /// one row and no error. With nothing to update, the key is assigned to itself so the existing row is returned.
    /// </summary>
    public async Task<T> UpsertAsync(Expression<Func<T, bool>> uniqueWhere, ICreateInput<T> create, IUpdateInput<T> update, CancellationToken cancellationToken)
    {
        var key = UniqueKeyMatcher.EnsureUnique(Model, uniqueWhere, out var keyValues);
        NoNestedWrites(update, "UpsertAsync");
        if (RelationProbe.Has(Model, create))
        {
            throw new ArgumentException("UpsertAsync does not take nested writes in its create data; create the row, then update it with nested writes.", nameof(create));
        }

        EnsureCreateMatchesKey(key, keyValues, create);

        // The key is part of the text (the conflict target), then the created columns, then the updated ones.
        var shape = new WriteShape('P');
        foreach (var column in key.Columns)
        {
            shape.Column('k', column.Ordinal);
        }

        var insert = new InsertValueWriter(shape);
        create.WriteTo(insert);
        shape.Mark('u');
        var set = new UpdateValueWriter(Target, Model, shape);
        update.WriteTo(set);
        if (FilterInjector.Own<T>(database.Extensions) is { } own)
        {
            return await FilteredUpsertAsync(UpsertStatement((key, insert, set)), key, own, cancellationToken).ConfigureAwait(false);
        }

        var (sql, parameters) = Statements.Get(shape, (key, insert, set), static s => UpsertStatement(s));
        return await database.Executor.SingleAsync(OperationInfo.Of(LinqOperation.Upsert, Model), sql, parameters, Materialize, RowCardinality.Single, cancellationToken).ConfigureAwait(false);
    }

    private static SqlInsertStatement UpsertStatement((KeyMetadata key, InsertValueWriter insert, UpdateValueWriter set) s)
    {
        var assignments = s.set.Assignments.Count > 0
            ? s.set.Assignments
            : [new SqlAssignment(s.key.Columns[0].ColumnName, new SqlColumnExpression("excluded", s.key.Columns[0].ColumnName))];
        return new SqlInsertStatement
        {
            Table = new SqlTableReference(Model.TableName, Target),
            Columns = s.insert.Columns,
            Rows = [s.insert.Values],
            OnConflictUpdate = new SqlOnConflictUpdate([.. s.key.Columns.Select(c => c.ColumnName)], assignments),
            Returning = Returning(),
        };
    }

    /// <summary>
    /// An upsert on an extended client whose filter covers the model: the conflicting row is updated only when the filter
    /// lets it through (<c>ON CONFLICT … DO UPDATE … WHERE</c>); a row it hides keeps its key, so the create cannot
    /// happen either and the upsert is refused as P2002 (nothing written). The created row is not checked against the filter,
    /// as for CreateAsync. Not served from the statement cache: the filter is the client's, not the input's.
    /// </summary>
    private async Task<T> FilteredUpsertAsync(SqlInsertStatement statement, KeyMetadata key, Expression<Func<T, bool>> filter, CancellationToken cancellationToken)
    {
        var plan = FilterPlanner.Plan(database.TableOf<T>(), filter, applyFilters: false);
        var guarded = statement with { OnConflictUpdate = statement.OnConflictUpdate! with { Where = plan.Where } };
        var (sql, parameters) = ParameterBinder.Render(guarded, plan.Values);
        var rows = await database.Executor.ListAsync(OperationInfo.Of(LinqOperation.Upsert, Model), sql, parameters, Materialize, cancellationToken).ConfigureAwait(false);
        return rows.Count > 0
            ? rows[0]
            : throw new UniqueConstraintViolationException(Model.Name, [.. key.Columns.Select(c => c.PropertyName)], null);
    }

    // Whether this client's global filter covers the model: then its writes by key are not served from the statement
    // cache (the filter belongs to the client, and its values are bound with the statement).
    private bool HasFilter => FilterInjector.Own<T>(database.Extensions) is not null;

    private (string Sql, NpgsqlParameter[] Parameters) Filtered(SqlExpression keyCondition, Func<SqlExpression, SqlStatement> statement)
    {
        var (where, values) = Visible(keyCondition);
        return ParameterBinder.Render(statement(where), values);
    }

    /// <summary>
    /// A write by unique key on an extended client sees only the rows its global filter lets through: the key condition
    /// AND the row among the filter's keys, so a hidden row is "not found" (P2025). Unchanged (no values) without a filter.
    /// </summary>
    private (SqlExpression Where, object?[]? Values) Visible(SqlExpression keyCondition)
    {
        if (FilterInjector.Own<T>(database.Extensions) is not { } own)
        {
            return (keyCondition, null);
        }

        var plan = FilterPlanner.Plan(database.TableOf<T>(), own, applyFilters: false);
        return (new SqlBinaryExpression(SqlBinaryOperator.And, keyCondition, plan.Where), plan.Values);
    }

    // The conflict target is the key's columns in the create data, so the create data must carry the very values the
    // filter names; otherwise the upsert would silently act on another row (or never conflict, for a generated key).
    private static void EnsureCreateMatchesKey(KeyMetadata key, Dictionary<string, Expression> keyValues, ICreateInput<T> create)
    {
        var row = new RowCollector();
        create.WriteTo(row);
        foreach (var column in key.Columns)
        {
            if (!row.TryGet(column.Ordinal, out var created))
            {
                throw new ArgumentException(
                    $"UpsertAsync on '{Model.Name}' by ({key.Describe()}) needs the create data to set {column.PropertyName}; it is generated by the database. Upsert by another unique key.",
                    "create");
            }

            var wanted = UniqueKeyMatcher.ValueOf(keyValues[column.PropertyName]);
            if (!Equals(Normalize(wanted), Normalize(created)))
            {
                throw new ArgumentException($"UpsertAsync on '{Model.Name}': the filter's {column.PropertyName} and the create data's {column.PropertyName} differ.", "create");
            }
        }
    }

    /// <summary>
    /// Throws for a unique-key write that changed no row: <see cref="ConcurrencyConflictException"/> when the filter
    /// compared tokens and the row exists (it holds other tokens now), else <see cref="RecordNotFoundException"/>.
    /// </summary>
    private Task<T> NotFoundAsync(Expression<Func<T, bool>> uniqueWhere, IReadOnlyList<ColumnMetadata> tokens, string operation, CancellationToken cancellationToken)
    {
        // Built again only now: the cached statement's path did not need the key alone.
        KeyPredicate.BuildChecked(Model, uniqueWhere, Target, out var keyOnly, out _);
        return NotFoundAsync(keyOnly, tokens, operation, cancellationToken);
    }

    private async Task<T> NotFoundAsync(SqlExpression keyOnly, IReadOnlyList<ColumnMetadata> tokens, string operation, CancellationToken cancellationToken)
    {
        if (tokens.Count > 0)
        {
            var (visible, filterValues) = Visible(keyOnly);
            var exists = new SqlSelectStatement
            {
                Items = [new SqlSelectItem(SqlLiteralExpression.Integer(1))],
                From = new SqlTableReference(Model.TableName, Target),
                Where = visible,
            };
            var (sql, parameters) = ParameterBinder.Render(exists, filterValues);
            var found = await database.Executor.ListAsync(OperationInfo.Of(operation == "delete" ? LinqOperation.Delete : LinqOperation.Update, Model), sql, parameters, static _ => 1, cancellationToken).ConfigureAwait(false);
            if (found.Count > 0)
            {
                throw new ConcurrencyConflictException(Model.Name, operation, [.. tokens.Select(t => t.PropertyName)]);
            }
        }

        throw new RecordNotFoundException(Model.Name, operation);
    }

    private static object? Normalize(object? value) => value is DateTimeOffset offset ? offset.ToUniversalTime() : value;

    private void NoNestedWrites(IUpdateInput<T> data, string operation)
    {
        if (RelationProbe.Has(Model, data))
        {
            throw new ArgumentException($"{operation} does not take nested writes; use UpdateAsync with a unique key.", nameof(data));
        }
    }

    private static List<SqlSelectItem> Returning() => [.. Model.Columns.Select(c => new SqlSelectItem(new SqlColumnExpression(Target, c.ColumnName)))];

    private static T Materialize(NpgsqlDataReader reader) => T.Metadata.Materialize(reader, 0);
}
