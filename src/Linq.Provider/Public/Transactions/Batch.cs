using System.Linq.Expressions;
using Linq.Contract;
using Linq.Execution;
using Linq.Querying;
using Linq.Querying.Filters;
using Linq.Querying.Frontend;
using Linq.Sql.Syntax;
using Linq.Writing;
using Linq.Writing.Nested;
using Npgsql;

namespace Linq;

/// <summary>
/// Builds the items of a batch transaction: queries and writes that run together, atomically, in one round trip
/// (Prisma's <c>$transaction([…])</c>): <c>await db.TransactionAsync(Batch.ToList(db.Users.Where(…)), Batch.Count(db.Posts), ct)</c>.
/// </summary>
public static class Batch
{
    /// <summary>The rows of a query.</summary>
    public static BatchItem<List<T>> ToList<T>(IQueryable<T> query)
    {
        var (database, plan, parameters) = Prepare(query, query.Expression);
        var shaper = plan.Shaper<T>();
        return new(database, plan.Sql, parameters, async (reader, token) =>
        {
            var list = new List<T>();
            while (await reader.ReadAsync(token).ConfigureAwait(false))
            {
                list.Add(shaper(reader));
            }

            return list;
        });
    }

    /// <summary>How many rows a query has.</summary>
    public static BatchItem<int> Count<T>(IQueryable<T> query) =>
        Single<T, int>(query, Expression.Call(null, QueryableMethods<T>.Count, (query ?? throw new ArgumentNullException(nameof(query))).Expression));

    /// <summary>The first row of a query, or null.</summary>
    public static BatchItem<T?> FirstOrDefault<T>(IQueryable<T> query) =>
        Single<T, T?>(query, Expression.Call(null, QueryableMethods<T>.FirstOrDefault, (query ?? throw new ArgumentNullException(nameof(query))).Expression));

    /// <summary>Inserts one row (no nested writes) and returns it as stored.</summary>
    public static BatchItem<T> Create<T>(Table<T> table, ICreateInput<T> data) where T : class, IModel<T>
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(data);
        if (RelationCollector.Of(table.Database, data).Count > 0)
        {
            throw new ArgumentException("A batch item cannot carry nested writes; use CreateAsync inside an interactive transaction.", nameof(data));
        }

        var writer = new InsertValueWriter();
        data.WriteTo(writer);
        var (sql, parameters) = ParameterBinder.Render(writer.Statement(T.Metadata));
        return new(table.Database, sql, parameters, async (reader, token) =>
        {
            await reader.ReadAsync(token).ConfigureAwait(false);
            return T.Metadata.Materialize(reader, 0);
        });
    }

    /// <summary>Updates every row matching the filter; returns how many.</summary>
    public static BatchItem<int> UpdateMany<T>(Table<T> table, Expression<Func<T, bool>> where, IUpdateInput<T> data) where T : class, IModel<T>
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(data);
        var (filter, values) = FilterPlanner.Compile(table, where);
        var database = table.Database;
        var known = database.DecimalBounds.IsKnown;
        var item = Counted(database, UpdateManyStatement(filter, data, database), values);
        // Built before the client knows the decimal bounds: the item carries the guard, and renders again without it
        // where the database bounds the column once the batch has learned them (before its one round trip).
        return known || !T.Metadata.Columns.Any(c => c.MayExceedDecimal)
            ? item
            : new(database, item.Sql, item.Parameters, item.Read) { RenderWithBounds = () => ParameterBinder.Render(CountedStatement(UpdateManyStatement(filter, data, database)), values) };
    }

    private static SqlUpdateStatement UpdateManyStatement<T>(CompiledFilter filter, IUpdateInput<T> data, LinqDatabase database) where T : class, IModel<T>
    {
        var (alias, condition) = FilterPlanner.RowCondition<T>(filter);
        var writer = new UpdateValueWriter(alias, T.Metadata, bounds: database.DecimalBounds);
        data.WriteTo(writer);
        if (writer.Assignments.Count == 0 || RelationCollector.Of(database, data).Count > 0)
        {
            throw new ArgumentException("A batch UpdateMany needs at least one field to set and no nested writes.", nameof(data));
        }

        return new SqlUpdateStatement
        {
            Table = new SqlTableReference(T.Metadata.TableName, alias),
            Set = writer.Assignments,
            Where = condition,
            Returning = [new SqlSelectItem(SqlLiteralExpression.Integer(1))],
        };
    }

    /// <summary>Deletes every row matching the filter; returns how many.</summary>
    public static BatchItem<int> DeleteMany<T>(Table<T> table, Expression<Func<T, bool>> where) where T : class, IModel<T>
    {
        ArgumentNullException.ThrowIfNull(table);
        var (filter, values) = FilterPlanner.Compile(table, where);
        var (alias, condition) = FilterPlanner.RowCondition<T>(filter);
        var delete = new SqlDeleteStatement
        {
            Table = new SqlTableReference(T.Metadata.TableName, alias),
            Where = condition,
            Returning = [new SqlSelectItem(SqlLiteralExpression.Integer(1))],
        };
        return Counted(table.Database, delete, values);
    }

    // WITH "w" AS (<write> RETURNING 1) SELECT count(*)::integer FROM "w": every item answers with one result set.
    private static BatchItem<int> Counted(LinqDatabase database, SqlStatement write, object?[] filterValues)
    {
        var (sql, parameters) = ParameterBinder.Render(CountedStatement(write), filterValues);
        return new(database, sql, parameters, async (reader, token) =>
        {
            await reader.ReadAsync(token).ConfigureAwait(false);
            return reader.GetInt32(0);
        });
    }

    private static SqlWithStatement CountedStatement(SqlStatement write) => new()
    {
        Ctes = [new SqlCommonTableExpression("w", write)],
        Body = new SqlSelectStatement
        {
            Items = [new SqlSelectItem(new SqlCastExpression(new SqlFunctionExpression("count", SqlStarExpression.Instance), "integer"))],
            From = new SqlTableReference("w"),
        },
    };

    private static BatchItem<TResult> Single<T, TResult>(IQueryable<T> query, Expression expression)
    {
        var (database, plan, parameters) = Prepare(query, expression);
        var shaper = plan.Shaper<TResult>();
        return new(database, plan.Sql, parameters, async (reader, token) =>
            await reader.ReadAsync(token).ConfigureAwait(false) ? shaper(reader) : default!);
    }

    private static (LinqDatabase Database, Querying.CompiledQuery Plan, NpgsqlParameter[] Parameters) Prepare<T>(IQueryable<T> query, Expression expression)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (query.Provider is not QueryProvider provider)
        {
            throw new ArgumentException("The query does not come from a Linq client.", nameof(query));
        }

        var (plan, values) = provider.Prepare(expression, singleStatement: true);
        if (plan.FollowUps.Count > 0)
        {
            throw new ArgumentException("A batch item loads its relations in its own statement: use LoadStrategy.Join.", nameof(query));
        }

        return (provider.Database, plan, plan.Bind(values));
    }

    // Taken once per element type (a delegate's Method allocates on every read), as ldtoken-like handles: no lookup by name.
    private static class QueryableMethods<T>
    {
        public static readonly System.Reflection.MethodInfo Count = new Func<IQueryable<T>, int>(Queryable.Count).Method;

        public static readonly System.Reflection.MethodInfo FirstOrDefault = new Func<IQueryable<T>, T?>(Queryable.FirstOrDefault).Method;
    }
}
