using System.Linq.Expressions;
using Linq.Execution;
using Linq.Modeling;
using Linq.Sql.Rendering;
using Linq.Sql.Syntax;
using Npgsql;
using Remotion.Linq;
using Remotion.Linq.Clauses;
using Remotion.Linq.Clauses.ResultOperators;
using Ordering = Linq.Sql.Syntax.Ordering;
using OrderingDirection = Remotion.Linq.Clauses.OrderingDirection;
using SqlBinary = Linq.Sql.Syntax.BinaryExpression;
using SqlUnary = Linq.Sql.Syntax.UnaryExpression;

namespace Linq.Querying;

/// <summary>Turns a re-linq <see cref="QueryModel"/> into one PostgreSQL statement and the shaper that reads its rows.</summary>
internal sealed class QueryModelTranslator
{
    private readonly TranslationContext _context;
    private readonly SqlExpressionTranslator _expressions;
    private readonly List<SqlExpression> _where = [];
    private List<Ordering> _orderBy = [];
    private SqlExpression? _limit;
    private SqlExpression? _offset;
    private bool _distinct;

    private QueryModelTranslator(DatabaseModel model)
    {
        _context = new TranslationContext(model);
        _expressions = new SqlExpressionTranslator(_context);
    }

    public static TranslatedQuery Translate(QueryModel queryModel, DatabaseModel model) => new QueryModelTranslator(model).TranslateQuery(queryModel);

    private TranslatedQuery TranslateQuery(QueryModel queryModel)
    {
        var from = queryModel.MainFromClause;
        if (from.FromExpression is not ConstantExpression)
        {
            throw new QueryTranslationException(from.FromExpression, "queries must start from a table.", "Start the query from a table property of the database (e.g. db.Users).");
        }

        var table = _context.ModelFor(from.ItemType, from.FromExpression);
        var alias = _context.NextAlias();
        _context.Bind(from, new SourceBinding(alias, table));
        var source = new TableReference(table.TableName, alias);

        foreach (var clause in queryModel.BodyClauses)
        {
            switch (clause)
            {
                case WhereClause where:
                    _where.Add(_expressions.TranslatePredicate(where.Predicate));
                    break;
                case OrderByClause orderBy:
                    // A later OrderBy sorts first; the earlier ordering only breaks its ties (LINQ's stable sort).
                    var keys = orderBy.Orderings.Select(o => new Ordering(_expressions.Translate(o.Expression).Sql, o.OrderingDirection == OrderingDirection.Desc)).ToList();
                    _orderBy = [.. keys, .. _orderBy];
                    break;
                default:
                    throw new QueryTranslationException(null, $"Cannot translate the query clause '{clause}'.");
            }
        }

        RowCardinality? single = null;
        Aggregate? aggregate = null;
        foreach (var op in queryModel.ResultOperators)
        {
            if (aggregate is not null)
            {
                throw new QueryTranslationException(null, $"Cannot translate '{op}' after an aggregate.");
            }

            switch (op)
            {
                case TakeResultOperator take:
                    _limit = _limit is null ? Value(take.Count) : new FunctionExpression("LEAST", _limit, Value(take.Count));
                    break;
                case SkipResultOperator skip:
                    var count = Value(skip.Count);
                    if (_limit is not null)
                    {
                        _limit = new FunctionExpression("GREATEST", new SqlBinary(BinaryOperator.Subtract, _limit, count), LiteralExpression.Integer(0));
                    }

                    _offset = _offset is null ? count : new SqlBinary(BinaryOperator.Add, _offset, count);
                    break;
                case DistinctResultOperator:
                    _distinct = true;
                    break;
                case FirstResultOperator first:
                    single = first.ReturnDefaultWhenEmpty ? RowCardinality.FirstOrDefault : RowCardinality.First;
                    _limit = Limit(1);
                    break;
                case SingleResultOperator one:
                    single = one.ReturnDefaultWhenEmpty ? RowCardinality.SingleOrDefault : RowCardinality.Single;
                    _limit = Limit(2);
                    break;
                case CountResultOperator:
                    aggregate = new Aggregate("count", typeof(int));
                    break;
                case LongCountResultOperator:
                    aggregate = new Aggregate("count", typeof(long));
                    break;
                case AnyResultOperator:
                    aggregate = new Aggregate("exists", typeof(bool));
                    break;
                case AllResultOperator all:
                    aggregate = new Aggregate("all", typeof(bool), all.Predicate);
                    break;
                case SumResultOperator:
                    aggregate = new Aggregate("sum", queryModel.SelectClause.Selector.Type);
                    break;
                case MinResultOperator:
                    aggregate = new Aggregate("min", queryModel.SelectClause.Selector.Type);
                    break;
                case MaxResultOperator:
                    aggregate = new Aggregate("max", queryModel.SelectClause.Selector.Type);
                    break;
                case AverageResultOperator average:
                    aggregate = new Aggregate("avg", average.GetOutputDataInfo(queryModel.SelectClause.GetOutputDataInfo()).DataType);
                    break;
                default:
                    throw new QueryTranslationException(null, $"Cannot translate the operator '{op}'.",
                        "Supported: Where, Select, OrderBy/ThenBy(Descending), Skip, Take, Distinct, First, Single, Count, LongCount, Any, All, Sum, Min, Max, Average.");
            }
        }

        if (aggregate is not null)
        {
            return TranslateAggregate(source, queryModel.SelectClause.Selector, aggregate);
        }

        var projection = new ProjectionBuilder(_context, _expressions);
        var shaper = projection.Build(queryModel.SelectClause.Selector);
        var select = Select(source, projection.Items);
        return Finish(select, shaper.Compile(), single);
    }

    private SelectStatement Select(TableSource source, IReadOnlyList<SelectItem> items) => new()
    {
        Items = items,
        From = source,
        Where = Conjunction(_where),
        OrderBy = _orderBy,
        Limit = _limit,
        Offset = _offset,
        Distinct = _distinct,
    };

    private TranslatedQuery TranslateAggregate(TableSource source, Expression selector, Aggregate aggregate)
    {
        var paged = _limit is not null || _offset is not null || _distinct;
        SelectStatement statement;
        switch (aggregate.Function)
        {
            case "count":
            {
                var inner = paged ? Select(source, Selected(selector)) : null;
                statement = Over(source, inner, new FunctionExpression("count", StarExpression.Instance), paged);
                var cast = aggregate.ResultType == typeof(int) ? new CastExpression(statement.Items[0].Expression, "integer") : statement.Items[0].Expression;
                statement = statement with { Items = [new SelectItem(cast)] };
                break;
            }

            case "exists":
                statement = new SelectStatement { Items = [new SelectItem(new ExistsExpression(Select(source, [new SelectItem(LiteralExpression.Integer(1))])))] };
                break;
            case "all":
            {
                var predicate = _expressions.Translate(aggregate.Predicate!);
                var failing = new SqlUnary(UnaryOperator.Not, predicate.MayBeNull ? new FunctionExpression("COALESCE", predicate.Sql, LiteralExpression.False) : predicate.Sql);
                var counterExample = Select(source, [new SelectItem(LiteralExpression.Integer(1))]);
                counterExample = counterExample with { Where = Conjunction([.. _where, failing]) };
                statement = new SelectStatement { Items = [new SelectItem(new SqlUnary(UnaryOperator.Not, new ExistsExpression(counterExample)))] };
                break;
            }

            default:
            {
                var value = _expressions.Translate(selector);
                SqlExpression argument = value.Sql;
                SelectStatement? inner = null;
                if (paged)
                {
                    inner = Select(source, [new SelectItem(value.Sql, "v")]);
                    argument = new ColumnExpression("s", "v");
                }

                var call = new FunctionExpression(aggregate.Function, argument);
                var resultType = Nullable.GetUnderlyingType(aggregate.ResultType) ?? aggregate.ResultType;
                SqlExpression result = new CastExpression(call, StoreTypeOf(resultType, selector));
                if (aggregate.Function == "sum")
                {
                    // LINQ's Sum of nothing is 0, SQL's is NULL.
                    result = new FunctionExpression("COALESCE", result, LiteralExpression.Integer(0));
                }

                statement = Over(source, inner, result, paged);
                break;
            }
        }

        var shaper = AggregateShaper(aggregate);
        return Finish(statement, shaper, RowCardinality.Scalar);
    }

    private List<SelectItem> Selected(Expression selector)
    {
        if (!_distinct)
        {
            return [new SelectItem(LiteralExpression.Integer(1))];
        }

        // DISTINCT counts distinct projected rows, so the projection must be in the inner select.
        var projection = new ProjectionBuilder(_context, _expressions);
        projection.Build(selector);
        return projection.Items;
    }

    private SelectStatement Over(TableSource source, SelectStatement? inner, SqlExpression item, bool paged) =>
        paged
            ? new SelectStatement { Items = [new SelectItem(item)], From = new DerivedTable(inner!, "s") }
            : new SelectStatement { Items = [new SelectItem(item)], From = source, Where = Conjunction(_where) };

    private static Delegate AggregateShaper(Aggregate aggregate)
    {
        var reader = System.Linq.Expressions.Expression.Parameter(typeof(NpgsqlDataReader), "reader");
        var type = aggregate.ResultType;
        Expression body;
        if (aggregate.Function is "min" or "max" or "avg" && type.IsValueType && Nullable.GetUnderlyingType(type) is null)
        {
            // LINQ throws on Min/Max/Average of an empty sequence of non-nullable values; SQL returns NULL.
            var method = typeof(QueryModelTranslator).GetMethod(nameof(NonEmpty), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!
                .MakeGenericMethod(type);
            body = System.Linq.Expressions.Expression.Call(method, reader);
        }
        else
        {
            body = System.Linq.Expressions.Expression.Call(ValueReader.For(type), reader, System.Linq.Expressions.Expression.Constant(0));
        }

        return System.Linq.Expressions.Expression.Lambda(body, reader).Compile();
    }

    private static T NonEmpty<T>(NpgsqlDataReader reader) where T : struct =>
        reader.IsDBNull(0) ? throw new InvalidOperationException("Sequence contains no elements.") : reader.GetFieldValue<T>(0);

    private static string StoreTypeOf(Type type, Expression at) => type switch
    {
        _ when type == typeof(int) => "integer",
        _ when type == typeof(long) => "bigint",
        _ when type == typeof(short) => "smallint",
        _ when type == typeof(decimal) => "numeric",
        _ when type == typeof(double) => "double precision",
        _ when type == typeof(float) => "real",
        _ when type == typeof(DateTime) || type == typeof(DateTimeOffset) => "timestamptz",
        _ when type == typeof(DateOnly) => "date",
        _ when type == typeof(TimeOnly) => "time",
        _ when type == typeof(string) => "text",
        _ when type == typeof(Guid) => "uuid",
        _ => throw new QueryTranslationException(at, $"aggregating values of type '{type.Name}' is not supported."),
    };

    private SqlExpression Value(Expression expression) => _expressions.Translate(expression).Sql;

    private SqlExpression Limit(int rows) =>
        _limit is null ? LiteralExpression.Integer(rows) : new FunctionExpression("LEAST", _limit, LiteralExpression.Integer(rows));

    private static SqlExpression? Conjunction(IReadOnlyList<SqlExpression> predicates) =>
        predicates.Count == 0 ? null : predicates.Skip(1).Aggregate(predicates[0], (a, b) => new SqlBinary(BinaryOperator.And, a, b));

    private TranslatedQuery Finish(SelectStatement statement, Delegate shaper, RowCardinality? single)
    {
        var rendered = PostgresRenderer.Render(statement);
        return new TranslatedQuery(rendered.Text, _context.Parameters, shaper, single);
    }

    private sealed record Aggregate(string Function, Type ResultType, Expression? Predicate = null);
}
