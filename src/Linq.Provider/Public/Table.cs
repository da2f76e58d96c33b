using System.Collections;
using System.ComponentModel;
using System.Linq.Expressions;
using Linq.Contract;
using Linq.Execution;
using Linq.Querying.Caching;
using Linq.Querying.Filters;
using Linq.Querying.Frontend;
using Linq.Sql.Syntax;
using Linq.Writing;
using Linq.Writing.Nested;
using Npgsql;

namespace Linq;

/// <summary>
/// One model's table: the root of LINQ queries (<c>db.Users.Where(…)</c>) and the target of writes
/// (<c>db.Users.CreateAsync(…)</c>, generated per model with its typed input).
/// </summary>
/// <typeparam name="T">The model type.</typeparam>
public sealed class Table<T> : IOrderedQueryable<T> where T : class, IModel<T>
{
    // Nested-create texts by shape, shared by every database writing this model (the text depends on its metadata alone).
    internal static NestedCreateCache NestedStatements { get; } = new();

    private readonly QueryProvider _provider;
    private readonly LinqDatabase _database;
    private TableWriter<T>? _writer;

    internal Table(LinqDatabase database)
    {
        _database = database;
        _provider = new QueryProvider(database);
        Expression = Expression.Constant(this);
    }

    internal QueryProvider QueryProvider => _provider;

    internal LinqDatabase Database => _database;

    /// <summary>The model's metadata.</summary>
    public ModelMetadata<T> Metadata => T.Metadata;

    /// <inheritdoc />
    public Type ElementType => typeof(T);

    /// <inheritdoc />
    public Expression Expression { get; }

    /// <inheritdoc />
    public IQueryProvider Provider => _provider;

    /// <summary>
    /// Inserts one row from a generated create input and returns the stored row, including the values the
    /// database generated (<c>RETURNING</c>). Call the generated <c>CreateAsync</c> instead; it takes the typed input.
    /// </summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public Task<T> CreateFromInputAsync(ICreateInput<T> input, CancellationToken cancellationToken = default)
    {
        // Not an async method (one state machine fewer on every create): it hands back the executor's task. Whatever the
        // statement's preparation throws (a null input, a refused value) is still returned in the task, as from an async
        // method, so a caller sees the same either way.
        try
        {
            ArgumentNullException.ThrowIfNull(input);
            EnsureWritable();
            var writes = RelationCollector.Of(_database, input);
            return writes.Count > 0 ? CreateNestedAsync(input, writes, cancellationToken) : Writer.CreateAsync(input, cancellationToken);
        }
        catch (OperationCanceledException canceled)
        {
            return Task.FromCanceled<T>(canceled.CancellationToken.IsCancellationRequested ? canceled.CancellationToken : new CancellationToken(true));
        }
        catch (Exception error)
        {
            return Task.FromException<T>(error);
        }
    }

    // The row and its nested creates and connects as one statement of data-modifying CTEs (see NestedCreateBuilder);
    // creates of children only are served from the statement cache by shape (NestedCreateCache). Not an async method (one
    // state machine fewer per nested create): it hands back the executor's task; CreateFromInputAsync puts what it throws in the task.
    private Task<T> CreateNestedAsync(ICreateInput<T> input, List<RelationWrites> writes, CancellationToken cancellationToken)
    {
        if (NestedCreateShape.Of(T.Metadata, input, writes) is { } shape)
        {
            string sql;
            NpgsqlParameter[] parameters;
            try
            {
                (sql, parameters) = NestedStatements.Get(shape, T.Metadata, input, writes, _database);
            }
            finally
            {
                shape.Release();
            }

            return _database.Executor.SingleAsync(OperationInfo.Of(LinqOperation.Create, T.Metadata), sql, parameters,
                static reader => T.Metadata.Materialize(reader, 0), RowCardinality.Single, cancellationToken);
        }

        return CreateNestedUncachedAsync(input, writes, cancellationToken);
    }

    // Its own method: the row captured by OnRow would otherwise be a closure allocated on every nested create, cached or not.
    private async Task<T> CreateNestedUncachedAsync(ICreateInput<T> input, List<RelationWrites> writes, CancellationToken cancellationToken)
    {
        var builder = new NestedCreateBuilder();
        var root = builder.AddRoot(T.Metadata, input, _database, writes);
        var statement = builder.Build(root, T.Metadata);
        T? row = null;
        var step = new WriteStep(statement)
        {
            ReturnsRows = true,
            OnRow = reader => row = T.Metadata.Materialize(reader, 0),
            Checks = builder.Checks,
            CheckOffset = T.Metadata.Columns.Count,
        };
        await WriteStep.RunAsync(_database.Executor, OperationInfo.Of(LinqOperation.Create, T.Metadata), [step], cancellationToken).ConfigureAwait(false);
        return row ?? throw new InvalidOperationException("The create returned no row.");
    }

    /// <summary>
    /// Creates the row (with its nested writes), then reads it back shaped by <paramref name="include"/>
    /// (<c>q =&gt; q.Include(u =&gt; u.Posts)</c>): two round trips. Call the generated <c>CreateAsync</c> overload.
    /// </summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public async Task<T> CreateFromInputAsync(ICreateInput<T> input, Func<IQueryable<T>, IQueryable<T>> include, CancellationToken cancellationToken = default)
    {
        EnsureWritable();
        ArgumentNullException.ThrowIfNull(include);
        var created = await CreateFromInputAsync(input, cancellationToken).ConfigureAwait(false);
        // Read back where it was written: a replica may not have it yet.
        var shaped = include(this.OnPrimary().Where(PrimaryKeyEquals(created)));
        return await shaped.FirstAsync(cancellationToken).ConfigureAwait(false);
    }

    // row => row.Key == value (&& …): built once per call from the metadata; the plan is cached like any query's.
    private static Expression<Func<T, bool>> PrimaryKeyEquals(T row)
    {
        var parameter = Expression.Parameter(typeof(T), "row");
        Expression? body = null;
        foreach (var column in T.Metadata.PrimaryKey.Columns)
        {
            var equals = Expression.Equal(
                Expression.MakeMemberAccess(parameter, T.Metadata.PropertyOf(column)),
                Expression.Constant(column.Getter!(row), column.ClrType));
            body = body is null ? equals : Expression.AndAlso(body, equals);
        }

        return Expression.Lambda<Func<T, bool>>(body!, parameter);
    }

    /// <summary>Inserts many rows as column arrays (<c>unnest</c>), never one statement per row; returns how many were inserted (call the generated <c>CreateManyAsync</c>).</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public async Task<int> CreateManyFromInputAsync(IEnumerable<ICreateInput<T>> data, bool skipDuplicates = false, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(data);
        EnsureWritable();
        return (await BulkInserter.InsertAsync(_database, data, skipDuplicates, returning: false, cancellationToken).ConfigureAwait(false)).Count;
    }

    /// <summary>Inserts many rows and returns them as stored (call the generated <c>CreateManyAndReturnAsync</c>).</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public async Task<List<T>> CreateManyAndReturnFromInputAsync(IEnumerable<ICreateInput<T>> data, bool skipDuplicates = false, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(data);
        EnsureWritable();
        return (await BulkInserter.InsertAsync(_database, data, skipDuplicates, returning: true, cancellationToken).ConfigureAwait(false)).Rows;
    }

    /// <summary>Updates the row with this unique key (call the generated <c>UpdateAsync</c>, which takes the typed input). Throws <see cref="RecordNotFoundException"/> when there is none.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public Task<T> UpdateFromInputAsync(Expression<Func<T, bool>> where, IUpdateInput<T> data, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(where);
        ArgumentNullException.ThrowIfNull(data);
        return Writer.UpdateAsync(this, where, data, cancellationToken);
    }

    /// <summary>Updates every row matching the filter in one statement and returns how many (call the generated <c>UpdateManyAsync</c>).</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public Task<int> UpdateManyFromInputAsync(Expression<Func<T, bool>> where, IUpdateInput<T> data, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(where);
        ArgumentNullException.ThrowIfNull(data);
        return Writer.UpdateManyAsync(this, where, data, cancellationToken);
    }

    /// <summary>Creates the row or updates the one with this unique key, atomically (call the generated <c>UpsertAsync</c>).</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public Task<T> UpsertFromInputAsync(Expression<Func<T, bool>> where, ICreateInput<T> create, IUpdateInput<T> update, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(where);
        ArgumentNullException.ThrowIfNull(create);
        ArgumentNullException.ThrowIfNull(update);
        return Writer.UpsertAsync(where, create, update, cancellationToken);
    }

    /// <summary>
    /// Deletes the row with this unique key and returns it as it was (Prisma's <c>delete</c>). The filter must be a
    /// unique key, as for <see cref="FindUniqueAsync"/>. Throws <see cref="RecordNotFoundException"/> when there is none.
    /// </summary>
    public Task<T> DeleteAsync(Expression<Func<T, bool>> where, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(where);
        return Writer.DeleteAsync(this, where, cancellationToken);
    }

    /// <summary>Deletes every row matching the filter in one statement and returns how many (Prisma's <c>deleteMany</c>).</summary>
    public Task<int> DeleteManyAsync(Expression<Func<T, bool>> where, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(where);
        return Writer.DeleteManyAsync(this, where, cancellationToken);
    }

    private TableWriter<T> Writer
    {
        get
        {
            EnsureWritable();
            return _writer ??= new TableWriter<T>(_database);
        }
    }

    // The generated client gives a [View] model no write methods; this catches the way around it (a Table<T> of a view
    // model obtained by hand), as PostgreSQL would carry out a write to a simple view on its table.
    private static void EnsureWritable()
    {
        if (T.Metadata.IsView)
        {
            throw new InvalidOperationException($"'{T.Metadata.Name}' is a [View] model ({T.Metadata.TableName}): it is read-only. Write to the tables the view reads.");
        }
    }

    /// <summary>
    /// The row whose unique key equals the given values, or null (Prisma's <c>findUnique</c>). The predicate must
    /// be equality on every column of the primary key or of one unique key (<c>u =&gt; u.Email == email</c>), joined
    /// by <c>&amp;&amp;</c>; anything else is an <see cref="ArgumentException"/> that lists the unique keys.
    /// </summary>
    public Task<T?> FindUniqueAsync(Expression<Func<T, bool>> predicate, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(predicate);
        return _provider.ExecuteAsync<T?>(new FirstOfWhere(OperatorMethods<T>.FirstOrDefault, OperatorMethods<T>.Where, Expression, predicate, typeof(Expression<Func<T, bool>>)),
            new UniqueLookup(T.Metadata, predicate), cancellationToken);
    }

    /// <summary>The first row matching <paramref name="predicate"/>, or null (Prisma's <c>findFirst</c>).</summary>
    public Task<T?> FindFirstAsync(Expression<Func<T, bool>> predicate, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(predicate);
        return _provider.ExecuteAsync<T?>(new FirstOfWhere(OperatorMethods<T>.FirstOrDefault, OperatorMethods<T>.Where, Expression, predicate, typeof(Expression<Func<T, bool>>)), null, cancellationToken);
    }

    /// <inheritdoc />
    public IEnumerator<T> GetEnumerator() => _provider.ToListAsync<T>(Expression, CancellationToken.None).GetAwaiter().GetResult().GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <inheritdoc />
    public override string ToString() => $"Table<{typeof(T).Name}> ({T.Metadata.TableName})";
}
