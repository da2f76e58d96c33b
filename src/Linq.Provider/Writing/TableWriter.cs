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
/// it reads joined rows (<see cref="FilterPlanner.RowCondition{T}"/>). On a client whose global filter covers the model,
/// a write by unique key ANDs its key with that filter in the same form, and is cached with the filter's plan.
/// </summary>
internal sealed class TableWriter<T>(LinqDatabase database) where T : class, IModel<T>
{
    private const string Target = FilterPlanner.Target;

    // Texts by shape, shared by every database and scope writing this model (the text depends on its metadata alone).
    private static readonly WriteStatementCache Statements = new();

    private static ModelMetadata<T> Model => T.Metadata;

    private DecimalBounds Bounds => database.DecimalBounds;

    // Whether number operations on this model may need the decimal guard: only then must the bounds be known first.
    private static readonly bool Ranged = Model.Columns.Any(c => c.MayExceedDecimal);

    public async Task<T> UpdateAsync(IQueryable<T> table, Expression<Func<T, bool>> uniqueWhere, IUpdateInput<T> data, CancellationToken cancellationToken)
    {
        // Whether the database bounds the decimal columns decides the guard, so the text: known before any text is
        // rendered or looked up (once per client; the lookup runs on the connection this write uses).
        // A nested update may write children that need it.
        var nested = RelationProbe.Has(Model, data);
        if (!Bounds.IsKnown && (Ranged || nested))
        {
            await Bounds.EnsureAsync(database.Executor, cancellationToken).ConfigureAwait(false);
        }

        if (nested)
        {
            KeyPredicate.BuildChecked(Model, uniqueWhere, Target, out _, out _);
            return await NestedUpdateAsync(uniqueWhere, data, cancellationToken).ConfigureAwait(false);
        }

        // The set fields first, then the filter: the order their parameters take in the text. Values only: a cached
        // shape needs no SQL tree, so the full writer below builds one only on a miss (or for a filtered client).
        var shape = WriteShape.Take('U');
        var values = new UpdateValueWriter(Target, Model, shape, valuesOnly: true, Bounds);
        data.WriteTo(values);
        if (values.Count == 0)
        {
            shape.Release();
            // A unique key is matched directly (WHERE "Email" = $1): no query plan, and the simplest statement for the server.
            KeyPredicate.BuildChecked(Model, uniqueWhere, Target, out _, out var tokens);
            return await table.Where(uniqueWhere).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false)
                ?? await NotFoundAsync(uniqueWhere, tokens, "update", cancellationToken).ConfigureAwait(false);
        }

        KeyPredicate.BuildChecked(Model, uniqueWhere, Target, out _, out var checkedTokens, shape);
        (string Sql, NpgsqlParameter[] Parameters) statement;
        if (OwnFilter() is { } own)
        {
            var statements = FilteredStatementCache.Of(own.Filter);
            if (statements is null || !statements.TryBind(shape, own.Values, out statement))
            {
                statement = FilteredUpdate(own.Filter, own.Values, uniqueWhere, data, statements, Bounds);
            }
        }
        else if (!Statements.TryBind(shape, out statement))
        {
            statement = FullUpdate(uniqueWhere, data, Bounds);
        }

        shape.Release();

        var (sql, parameters) = statement;
        // Interceptors see the rows as a list, as for every write that returns rows.
        // Capacity 1: a unique key matches at most one row.
        var rows = await database.Executor.ListAsync(OperationInfo.Of(LinqOperation.Update, Model), sql, parameters, Materialize, 1, cancellationToken).ConfigureAwait(false);
        return rows.Count > 0 ? rows[0] : await NotFoundAsync(uniqueWhere, checkedTokens, "update", cancellationToken).ConfigureAwait(false);
    }

    private static UpdateValueWriter Full(IUpdateInput<T> data, WriteShape shape, DecimalBounds bounds)
    {
        var writer = new UpdateValueWriter(Target, Model, shape, bounds: bounds);
        data.WriteTo(writer);
        return writer;
    }

    // A shape not cached yet: the input written again, now with the tree, and rendered (and cached when it can be).
    private static (string Sql, NpgsqlParameter[] Parameters) FullUpdate(Expression<Func<T, bool>> uniqueWhere, IUpdateInput<T> data, DecimalBounds bounds)
    {
        var shape = new WriteShape('U');
        var writer = Full(data, shape, bounds);
        var where = KeyPredicate.BuildChecked(Model, uniqueWhere, Target, out _, out _, shape);
        return Statements.Get(shape, (writer, where), static s =>
            new SqlUpdateStatement { Table = new SqlTableReference(Model.TableName, Target), Set = s.writer.Assignments, Where = s.where, Returning = Returning() });
    }

    // A shape not cached with this client's filter yet: the input written again with the tree, over the filter's row alias.
    private static (string Sql, NpgsqlParameter[] Parameters) FilteredUpdate(CompiledFilter filter, object?[] values, Expression<Func<T, bool>> uniqueWhere,
        IUpdateInput<T> data, FilteredStatementCache? statements, DecimalBounds bounds)
    {
        var (alias, visible) = FilterPlanner.RowCondition<T>(filter);
        var shape = new WriteShape('U');
        var writer = new UpdateValueWriter(alias, Model, shape, bounds: bounds);
        data.WriteTo(writer);
        var key = KeyPredicate.BuildChecked(Model, uniqueWhere, alias, out _, out _, shape);
        var update = new SqlUpdateStatement
        {
            Table = new SqlTableReference(Model.TableName, alias), Set = writer.Assignments, Where = And(key, visible), Returning = Returning(alias),
        };
        return statements is null ? ParameterBinder.Render(update, values) : statements.Render(shape, update, values);
    }

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
        // The root row by its key and, on an extended client, its filter: in the statement's own WHERE over the filter's
        // row alias when the filter needs no join, so the row the UPDATE locks is re-checked (see FilterPlanner.RowCondition).
        // Its text is cached by shape as a plain update's is (with the filter's plan on a filtered client); values only here.
        var own = OwnFilter();
        var shape = WriteShape.Take('N');
        var values = new UpdateValueWriter(own is { } f ? FilterPlanner.RowAlias(f.Filter) : Target, Model, shape, valuesOnly: true, Bounds);
        data.WriteTo(values);
        shape.Mark(values.Count > 0 ? 'u' : 'q');
        KeyPredicate.BuildChecked(Model, uniqueWhere, Target, out _, out var tokens, shape);
        (string Sql, NpgsqlParameter[] Parameters) root;
        if (own is { } filtered)
        {
            var statements = FilteredStatementCache.Of(filtered.Filter);
            if (statements is not null && statements.TryBind(shape, filtered.Values, out root))
            {
                NestedStepCache.Served();
            }
            else
            {
                root = FullNestedRoot(filtered.Filter, filtered.Values, uniqueWhere, data, statements, Bounds);
            }
        }
        else if (Statements.TryBind(shape, out root))
        {
            NestedStepCache.Served();
        }
        else
        {
            root = FullNestedRoot(null, null, uniqueWhere, data, null, Bounds);
        }

        shape.Release();
        T? row = null;
        steps.Add(new WriteStep(root.Sql, root.Parameters)
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
            await NotFoundAsync(uniqueWhere, tokens, "update", cancellationToken).ConfigureAwait(false);
            throw;
        }

        return row ?? throw new RecordNotFoundException(Model.Name, "update");
    }

    // A nested update's root statement not cached yet (or on a client whose filter's plan keeps no cache): the input
    // written again with the tree. With nothing to set, a SELECT of the row still proves it exists and reads it back.
    private static (string Sql, NpgsqlParameter[] Parameters) FullNestedRoot(CompiledFilter? filter, object?[]? values, Expression<Func<T, bool>> uniqueWhere,
        IUpdateInput<T> data, FilteredStatementCache? statements, DecimalBounds bounds)
    {
        var (alias, visible) = filter is not null ? FilterPlanner.RowCondition<T>(filter) : (Target, null);
        var shape = new WriteShape('N');
        var writer = new UpdateValueWriter(alias, Model, shape, bounds: bounds);
        data.WriteTo(writer);
        shape.Mark(writer.Count > 0 ? 'u' : 'q');
        var condition = And(KeyPredicate.BuildChecked(Model, uniqueWhere, alias, out _, out _, shape), visible);
        SqlStatement root = writer.Count > 0
            ? new SqlUpdateStatement { Table = new SqlTableReference(Model.TableName, alias), Set = writer.Assignments, Where = condition, Returning = Returning(alias) }
            : new SqlSelectStatement { Items = Returning(alias), From = new SqlTableReference(Model.TableName, alias), Where = condition };
        if (filter is null)
        {
            return Statements.Get(shape, root, static r => r);
        }

        return statements is null ? ParameterBinder.Render(root, values) : statements.Render(shape, root, values!);
    }

    /// <summary>
    /// <c>UPDATE … SET … WHERE &lt;filter&gt;</c> (<see cref="FilterPlanner.RowCondition{T}"/>), its text cached with the
    /// filter's plan by the fields the input sets: a repeated call of one filter shape and one input shape only binds values.
    /// </summary>
    public Task<int> UpdateManyAsync(Table<T> table, Expression<Func<T, bool>> filter, IUpdateInput<T> data, CancellationToken cancellationToken) =>
        Bounds.IsKnown || !Ranged ? UpdateManyKnownAsync(table, filter, data, cancellationToken) : UpdateManyLearningAsync(table, filter, data, cancellationToken);

    // The first write of the client that needs to know the decimal bounds: learns them, then writes.
    private async Task<int> UpdateManyLearningAsync(Table<T> table, Expression<Func<T, bool>> filter, IUpdateInput<T> data, CancellationToken cancellationToken)
    {
        await Bounds.EnsureAsync(database.Executor, cancellationToken).ConfigureAwait(false);
        return await UpdateManyKnownAsync(table, filter, data, cancellationToken).ConfigureAwait(false);
    }

    private Task<int> UpdateManyKnownAsync(Table<T> table, Expression<Func<T, bool>> filter, IUpdateInput<T> data, CancellationToken cancellationToken)
    {
        NoNestedWrites(data, "UpdateManyAsync");
        var (compiled, values) = FilterPlanner.Compile(table, filter);

        // Values only, as for UpdateAsync: the set fields' parameters come first in the text, then the filter's.
        var shape = WriteShape.Take('M');
        var writer = new UpdateValueWriter(Target, Model, shape, valuesOnly: true, Bounds);
        data.WriteTo(writer);
        if (writer.Count == 0)
        {
            shape.Release();
            return Task.FromResult(0);
        }

        var statements = FilteredStatementCache.Of(compiled);
        if (statements is null || !statements.TryBind(shape, values, out var statement))
        {
            statement = FullUpdateMany(compiled, values, data, statements, Bounds);
        }

        shape.Release();
        var (sql, parameters) = statement;
        return database.Executor.NonQueryAsync(OperationInfo.Of(LinqOperation.UpdateMany, Model), sql, parameters, cancellationToken);
    }

    // A shape not cached with this filter yet: the input written again, now with the tree over the statement's row alias.
    private static (string Sql, NpgsqlParameter[] Parameters) FullUpdateMany(CompiledFilter filter, object?[] values, IUpdateInput<T> data, FilteredStatementCache? statements,
        DecimalBounds bounds)
    {
        var (alias, where) = FilterPlanner.RowCondition<T>(filter);
        var shape = new WriteShape('M');
        var writer = new UpdateValueWriter(alias, Model, shape, bounds: bounds);
        data.WriteTo(writer);
        var update = new SqlUpdateStatement { Table = new SqlTableReference(Model.TableName, alias), Set = writer.Assignments, Where = where };
        return statements is null ? ParameterBinder.Render(update, values) : statements.Render(shape, update, values);
    }

    public async Task<T> DeleteAsync(IQueryable<T> table, Expression<Func<T, bool>> uniqueWhere, CancellationToken cancellationToken)
    {
        var shape = new WriteShape('D');
        string sql;
        NpgsqlParameter[] parameters;
        IReadOnlyList<ColumnMetadata> tokens;
        if (OwnFilter() is { } own)
        {
            // The key over the alias the filter's form gives the row; the tree is needed for the shape's parameters anyway.
            var alias = FilterPlanner.RowAlias(own.Filter);
            var key = KeyPredicate.BuildChecked(Model, uniqueWhere, alias, out _, out tokens, shape);
            var statements = FilteredStatementCache.Of(own.Filter);
            if (statements is null || !statements.TryBind(shape, own.Values, out var bound))
            {
                var (_, visible) = FilterPlanner.RowCondition<T>(own.Filter);
                var delete = new SqlDeleteStatement { Table = new SqlTableReference(Model.TableName, alias), Where = And(key, visible), Returning = Returning(alias) };
                bound = statements is null ? ParameterBinder.Render(delete, own.Values) : statements.Render(shape, delete, own.Values);
            }

            (sql, parameters) = bound;
        }
        else
        {
            var where = KeyPredicate.BuildChecked(Model, uniqueWhere, Target, out _, out tokens, shape);
            (sql, parameters) = Statements.Get(shape, where, static w =>
                new SqlDeleteStatement { Table = new SqlTableReference(Model.TableName, Target), Where = w, Returning = Returning() });
        }

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
        // One equality on a one-column key (the usual upsert) needs no dictionary of the compared values.
        Dictionary<string, Expression>? keyValues = null;
        var key = UniqueKeyMatcher.SingleColumnKey(Model, uniqueWhere, out _, out var keyValue)
            ?? UniqueKeyMatcher.EnsureUnique(Model, uniqueWhere, out keyValues);
        NoNestedWrites(update, "UpsertAsync");
        if (RelationProbe.Has(Model, create))
        {
            throw new ArgumentException("UpsertAsync does not take nested writes in its create data; create the row, then update it with nested writes.", nameof(create));
        }

        EnsureCreateMatchesKey(key, keyValues, keyValue, create);
        if (Ranged && !Bounds.IsKnown)
        {
            await Bounds.EnsureAsync(database.Executor, cancellationToken).ConfigureAwait(false);
        }

        var own = OwnFilter();
        var alias = own is { } f ? FilterPlanner.RowAlias(f.Filter) : Target;

        // The key is part of the text (the conflict target), then the created columns, then the updated ones.
        var shape = WriteShape.Take('P');
        var insert = UpsertCreate(shape, key, create);
        if (own is { } filtered)
        {
            var set = new UpdateValueWriter(alias, Model, shape, bounds: Bounds);
            update.WriteTo(set);
            var statements = FilteredStatementCache.Of(filtered.Filter);
            if (statements is null || !statements.TryBind(shape, filtered.Values, out var bound))
            {
                var (_, visible) = FilterPlanner.RowCondition<T>(filtered.Filter);
                var statement = UpsertStatement((key, insert, set), alias);
                var guarded = statement with { OnConflictUpdate = statement.OnConflictUpdate! with { Where = visible } };
                bound = statements is null ? ParameterBinder.Render(guarded, filtered.Values) : statements.Render(shape, guarded, filtered.Values);
            }

            shape.Release();
            return await FilteredUpsertAsync(bound, key, cancellationToken).ConfigureAwait(false);
        }

        // Values only, as for UpdateAsync: a cached shape needs no SQL tree for the update part.
        var values = new UpdateValueWriter(Target, Model, shape, valuesOnly: true, Bounds);
        update.WriteTo(values);
        if (!Statements.TryBind(shape, out var upsert))
        {
            upsert = FullUpsert(key, create, update, Bounds);
        }

        shape.Release();
        var (sql, parameters) = upsert;
        return await database.Executor.SingleAsync(OperationInfo.Of(LinqOperation.Upsert, Model), sql, parameters, Materialize, RowCardinality.Single, cancellationToken).ConfigureAwait(false);
    }

    // The upsert's shape up to its update part: the key (the conflict target is in the text), then the created columns.
    // One method for the cached path and the miss path, so both record the same key.
    private static InsertValueWriter UpsertCreate(WriteShape shape, KeyMetadata key, ICreateInput<T> create)
    {
        foreach (var column in key.Columns)
        {
            shape.Column('k', column.Ordinal);
        }

        var insert = new InsertValueWriter(shape);
        create.WriteTo(insert);
        shape.Mark('u');
        return insert;
    }

    // A shape not cached yet: both inputs written again, now with the update's tree, and rendered (and cached).
    private static (string Sql, NpgsqlParameter[] Parameters) FullUpsert(KeyMetadata key, ICreateInput<T> create, IUpdateInput<T> update, DecimalBounds bounds)
    {
        var shape = new WriteShape('P');
        var insert = UpsertCreate(shape, key, create);
        var set = new UpdateValueWriter(Target, Model, shape, bounds: bounds);
        update.WriteTo(set);
        return Statements.Get(shape, (key, insert, set), static s => UpsertStatement(s, Target));
    }

    private static SqlInsertStatement UpsertStatement((KeyMetadata key, InsertValueWriter insert, UpdateValueWriter set) s, string alias)
    {
        var assignments = s.set.Assignments.Count > 0
            ? s.set.Assignments
            : [new SqlAssignment(s.key.Columns[0].ColumnName, new SqlColumnExpression("excluded", s.key.Columns[0].ColumnName))];
        return new SqlInsertStatement
        {
            Table = new SqlTableReference(Model.TableName, alias),
            Columns = s.insert.Columns,
            Rows = [s.insert.Values],
            OnConflictUpdate = new SqlOnConflictUpdate([.. s.key.Columns.Select(c => c.ColumnName)], assignments),
            Returning = Returning(alias),
        };
    }

    /// <summary>
    /// An upsert on an extended client whose filter covers the model: the conflicting row is updated only when the filter
    /// lets it through (<c>ON CONFLICT … DO UPDATE … WHERE &lt;filter&gt;</c>, the predicate itself over the statement's
    /// alias when it needs no join, so it is evaluated on the row the upsert locks); a row it hides keeps its key, so the
    /// create cannot happen either and the upsert is refused as P2002 (nothing written). The created row is not checked
    /// against the filter, as for CreateAsync. The text is cached with the filter's plan by the upsert's shape.
    /// </summary>
    private async Task<T> FilteredUpsertAsync((string Sql, NpgsqlParameter[] Parameters) statement, KeyMetadata key, CancellationToken cancellationToken)
    {
        var rows = await database.Executor.ListAsync(OperationInfo.Of(LinqOperation.Upsert, Model), statement.Sql, statement.Parameters, Materialize, cancellationToken).ConfigureAwait(false);
        return rows.Count > 0
            ? rows[0]
            : throw new UniqueConstraintViolationException(Model.Name, [.. key.Columns.Select(c => c.PropertyName)], null);
    }

    /// <summary>
    /// The global filter of this client for the model, compiled through the plan cache (the same object for every call
    /// of the filter's shape, whatever values it captured), and this call's values; null on a client without one. A
    /// write by unique key on an extended client sees only the rows it lets through: a hidden row is "not found" (P2025).
    /// </summary>
    private (CompiledFilter Filter, object?[] Values)? OwnFilter() =>
        FilterInjector.Own<T>(database.Extensions) is { } own ? FilterPlanner.Compile(database.TableOf<T>(), own, applyFilters: false) : null;

    private static SqlExpression And(SqlExpression key, SqlExpression? visible) =>
        visible is null ? key : new SqlBinaryExpression(SqlBinaryOperator.And, key, visible);

    // The conflict target is the key's columns in the create data, so the create data must carry the very values the
    // filter names; otherwise the upsert would silently act on another row (or never conflict, for a generated key).
    // keyValues is null when the filter is one equality on a one-column key, whose compared value is singleValue.
    private static void EnsureCreateMatchesKey(KeyMetadata key, Dictionary<string, Expression>? keyValues, Expression? singleValue, ICreateInput<T> create)
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

            var wanted = UniqueKeyMatcher.ValueOf(keyValues is null ? singleValue! : keyValues[column.PropertyName]);
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
    /// <remarks>
    /// On an extended client the row must also pass its filter, written as in the write (the predicate over the filter's
    /// alias, or the key sub-SELECT for a filter over a joined row): a hidden row is not found, whatever its tokens.
    /// </remarks>
    private async Task<T> NotFoundAsync(Expression<Func<T, bool>> uniqueWhere, IReadOnlyList<ColumnMetadata> tokens, string operation, CancellationToken cancellationToken)
    {
        if (tokens.Count > 0)
        {
            // Built only now: the write's path did not need the key alone.
            var own = OwnFilter();
            var (alias, visible) = own is { } f ? FilterPlanner.RowCondition<T>(f.Filter) : (Target, null);
            KeyPredicate.BuildChecked(Model, uniqueWhere, alias, out var key, out _);
            var exists = new SqlSelectStatement
            {
                Items = [new SqlSelectItem(SqlLiteralExpression.Integer(1))],
                From = new SqlTableReference(Model.TableName, alias),
                Where = And(key, visible),
            };
            var (sql, parameters) = ParameterBinder.Render(exists, own?.Values);
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

    private static List<SqlSelectItem> Returning(string alias = Target) => [.. Model.Columns.Select(c => new SqlSelectItem(new SqlColumnExpression(alias, c.ColumnName)))];

    private static T Materialize(NpgsqlDataReader reader) => T.Metadata.Materialize(reader, 0);
}
