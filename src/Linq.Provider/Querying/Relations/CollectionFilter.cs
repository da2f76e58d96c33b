using System.Linq.Expressions;
using Linq.Contract;
using Linq.Querying.Expressions;
using Linq.Querying.Model;
using Linq.Querying.Operators;
using Linq.Sql.Syntax;

namespace Linq.Querying.Relations;

/// <summary>What a related collection's query adds to its rows: filters, ordering (a later OrderBy sorts first) and paging.</summary>
internal sealed record CollectionFilter(SqlExpression? Where, List<SqlOrdering> OrderBy, SqlExpression? Limit, SqlExpression? Offset)
{
    public static CollectionFilter Translate(QueryModel child, SqlExpressionTranslator translator, Expression at)
    {
        var (where, orderBy) = WhereAndOrder(child.Clauses, translator,
            clause => new QueryTranslationException(at, $"the clause '{clause}' is not supported on a related collection."));
        SqlExpression? limit = null;
        SqlExpression? offset = null;
        foreach (var op in child.Operators)
        {
            (limit, offset) = op switch
            {
                TakeOperator take => LimitOffset.Take(limit, offset, PageCount.Translate(translator, take.Count)),
                SkipOperator skip => LimitOffset.Skip(limit, offset, PageCount.Translate(translator, skip.Count)),
                _ => throw new QueryTranslationException(at, $"'{op}' is not supported on a related collection here.", "Use Where, OrderBy/ThenBy, Skip and Take."),
            };
        }

        return new CollectionFilter(where, orderBy, limit, offset);
    }

    /// <summary>
    /// The <c>Where</c>s (joined, a later one guarded by those before it) and <c>OrderBy</c>s (a later one sorts first, as
    /// LINQ's stable sort has it) of a query over related rows or a group; any other clause is <paramref name="unsupported"/>.
    /// </summary>
    public static (SqlExpression? Where, List<SqlOrdering> OrderBy) WhereAndOrder(IEnumerable<QueryClause> clauses, SqlExpressionTranslator translator,
        Func<QueryClause, QueryTranslationException> unsupported)
    {
        SqlExpression? where = null;
        List<SqlOrdering> orderBy = [];
        foreach (var clause in clauses)
        {
            switch (clause)
            {
                case WhereClause w:
                    where = ShortCircuit.ThenWhere(translator.Context, where, () => translator.TranslatePredicate(w.Predicate));
                    break;
                case OrderByClause o:
                    orderBy = [.. o.Orderings.Select(x => OrderingHandler.Key(translator.Translate(x.Expression), x.Descending)), .. orderBy];
                    break;
                default:
                    throw unsupported(clause);
            }
        }

        return (where, orderBy);
    }

    /// <summary><paramref name="condition"/> and this filter's condition.</summary>
    public SqlExpression And(SqlExpression condition) => Where is null ? condition : new SqlBinaryExpression(SqlBinaryOperator.And, condition, Where);

    /// <summary>
    /// The filter a <see cref="LoadStrategy.Query"/> include writes in <c>Include(…)</c> (Where/OrderBy/Skip/Take), over the
    /// follow-up statement's rows <paramref name="row"/>, added to <paramref name="keys"/> (the parents' key condition);
    /// no ordering or page when the include names the navigation alone.
    /// </summary>
    public static (SqlExpression Where, List<SqlOrdering> OrderBy, SqlExpression? Limit, SqlExpression? Offset) ForInclude(IncludeNode include,
        TranslationContext context, ModelMetadata owner, SourceBinding row, SqlExpressionTranslator translator, RelationTranslator relations, SqlExpression keys)
    {
        if (include.Lambda.Body is MemberExpression)
        {
            return (keys, [], null, null);
        }

        var filter = relations.ParseFilter(include.Lambda, new SourceBinding(context.NextAlias(), owner, new QueryScope(context)));
        context.Bind(filter.Source, row);
        var translated = Translate(filter, translator, include.Lambda);
        return (translated.And(keys), translated.OrderBy, translated.Limit, translated.Offset);
    }
}
