using System.Linq.Expressions;
using Linq.Contract;
using Linq.Querying.Caching;
using Linq.Querying.Expressions;
using Linq.Querying.Model;
using Linq.Querying.Relinq;
using Linq.Sql.Syntax;

namespace Linq.Querying.Filters;

/// <summary>
/// The narrow door writes have into query translation: a predicate over one model's rows becomes the SELECT of the
/// primary keys of the rows it matches (<c>SELECT "t0"."Id" FROM "User" AS "t0" … WHERE …</c>), whose parameters are
/// placeholders read from this call's values. Translated once per shape through the client's plan cache; no projection,
/// no shaper, no query operators. The statement that embeds the SELECT is bound with the values.
/// </summary>
internal static class PredicateTranslator
{
    /// <summary>
    /// The cached filter of <paramref name="predicate"/>'s shape (the same object for every call of that shape while
    /// it stays in <paramref name="cache"/>), and this call's values for its placeholders.
    /// </summary>
    public static (CompiledFilter Filter, object?[] Values) Compile<T>(IQueryable<T> table, Expression<Func<T, bool>> predicate, DatabaseModel model,
        QueryCache cache)
    {
        // The lambda alone is the cache key: its parameter's type names the model, and no query's tree starts with a lambda.
        var walker = ShapeWalker.Rent();
        try
        {
            walker.WalkBalanced(ref predicate);
            var values = walker.TakeValues();
            var plan = cache.GetOrAdd(walker.Shape, static state => Build(state.Table, state.Where, state.Predicate, state.Values, state.Model),
                (Table: (IQueryable)table, Where: WhereOf<T>.Method, Predicate: (LambdaExpression)predicate, Values: values, Model: model));
            return (plan, values);
        }
        finally
        {
            ShapeWalker.Return(walker);
        }
    }

    private static CompiledFilter Build(IQueryable table, System.Reflection.MethodInfo whereMethod, LambdaExpression predicate, object?[] values, DatabaseModel model)
    {
        var nodes = ShapeWalker.CollectParameterNodes(predicate);

        // The front end turns navigations and sub-queries in the predicate into what the expression translator reads.
        var query = Expression.Call(null, whereMethod, table.Expression, Expression.Quote(predicate));
        var frontEnd = RelinqFrontEnd.Instance;
        var queryModel = frontEnd.Parse(ParameterRewriter.Rewrite(query, nodes), query);

        var context = new TranslationContext(model, values, frontEnd);
        var scope = new QueryScope(context);
        var expressions = new SqlExpressionTranslator(context, scope);
        var rows = context.ModelFor(queryModel.Source.ItemType, queryModel.From);
        var alias = context.NextAlias();
        context.Bind(queryModel.Source, new SourceBinding(alias, rows, scope));
        SqlExpression? where = null;
        foreach (var clause in queryModel.Clauses)
        {
            var condition = expressions.TranslatePredicate(((WhereClause)clause).Predicate);
            where = where is null ? condition : new SqlBinaryExpression(SqlBinaryOperator.And, where, condition);
        }

        var keys = new SqlSelectStatement
        {
            Items = [.. rows.PrimaryKey.Columns.Select(c => new SqlSelectItem(new SqlColumnExpression(alias, c.ColumnName)))],
            From = new SqlTableReference(rows.TableName, alias),
            Joins = scope.Joins,
            Where = where,
        };
        return new CompiledFilter(keys, alias);
    }

    // Queryable.Where<T>, closed over the model type by the caller's instantiation (never made at run time).
    private static class WhereOf<T>
    {
        public static readonly System.Reflection.MethodInfo Method = new Func<IQueryable<T>, Expression<Func<T, bool>>, IQueryable<T>>(Queryable.Where).Method;
    }
}
