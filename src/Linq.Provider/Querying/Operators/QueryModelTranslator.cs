using System.Linq.Expressions;
using Linq.Contract;
using Linq.Execution;
using Linq.Querying.Expressions;
using Linq.Querying.Model;
using Linq.Querying.Relations;
using Linq.Querying.Shaping;
using Linq.Sql.Rendering;
using Linq.Sql.Syntax;
using Npgsql;

namespace Linq.Querying.Operators;

/// <summary>Turns a <see cref="QueryModel"/> into one PostgreSQL statement and the shaper that reads its rows.</summary>
internal sealed partial class QueryModelTranslator
{
    private readonly TranslationContext _context;
    private readonly List<QuerySource> _rowSources = [];
    private QueryScope _scope;
    private SqlExpressionTranslator _expressions;
    private SourceBinding? _row;
    private SqlTableSource _source = null!;
    private readonly List<SqlExpression> _where = [];
    private readonly List<SqlExpression> _having = [];
    private readonly List<SqlExpression> _groupBy = [];
    private List<SqlOrdering> _orderBy = [];
    private SqlExpression? _limit;
    private SqlExpression? _offset;
    private bool _distinct;
    private bool _pagedSource;
    private IReadOnlyList<FollowUpQuery> _followUps = [];
    private (QuerySource Source, Expression Selector)? _outerSelector;

    private readonly QueryOptions _options;
    private readonly RelationTranslator _relations;

    private QueryModelTranslator(DatabaseModel model, object?[] values, QueryOptions options, IQueryFrontEnd frontEnd)
    {
        _context = new TranslationContext(model, values, frontEnd);
        _scope = new QueryScope(_context);
        _expressions = new SqlExpressionTranslator(_context, _scope);
        _relations = new RelationTranslator(_context);
        _options = options;
    }

    /// <summary>Translates a query; <paramref name="frontEnd"/> reads the filters of filtered includes.</summary>
    public static CompiledQuery Translate(QueryModel queryModel, DatabaseModel model, object?[] values, QueryOptions options, IQueryFrontEnd frontEnd) =>
        new QueryModelTranslator(model, values, options, frontEnd).TranslateQuery(queryModel);

    private CompiledQuery TranslateQuery(QueryModel queryModel)
    {
        _source = BindSource(queryModel);
        if (_outerSelector is { } substitution)
        {
            // The outer query's rows are the inner projection: put that projection where the outer query refers to its rows.
            queryModel = queryModel.Replace(queryModel.Source, substitution.Selector);
        }

        if (queryModel.Clauses.Count > 0 && (_limit is not null || _offset is not null))
        {
            WrapPaged();
        }

        var grouped = _groupBy.Count > 0;
        foreach (var clause in queryModel.Clauses)
        {
            BodyClause(clause, grouped ? _having : _where);
        }

        if (_options.Keyset is { } keyset)
        {
            ApplyKeyset(keyset);
        }

        RowCardinality? single = null;
        Aggregate? aggregate = null;
        foreach (var op in queryModel.Operators)
        {
            if (aggregate is not null)
            {
                throw new QueryTranslationException(null, $"Cannot translate '{op}' after an aggregate.");
            }

            switch (op)
            {
                case TakeOperator or SkipOperator:
                    Page(op);
                    break;
                case DistinctOperator:
                    if (_limit is not null || _offset is not null)
                    {
                        WrapPaged();
                    }

                    _distinct = true;
                    break;
                case FirstOperator first:
                    single = first.OrDefault ? RowCardinality.FirstOrDefault : RowCardinality.First;
                    _limit = Limit(1);
                    break;
                case SingleOperator one:
                    single = one.OrDefault ? RowCardinality.SingleOrDefault : RowCardinality.Single;
                    _limit = Limit(2);
                    break;
                case CountOperator:
                    aggregate = new Aggregate("count", typeof(int));
                    break;
                case LongCountOperator:
                    aggregate = new Aggregate("count", typeof(long));
                    break;
                case AnyOperator:
                    aggregate = new Aggregate("exists", typeof(bool));
                    break;
                case AllOperator all:
                    aggregate = new Aggregate("all", typeof(bool), all.Predicate);
                    break;
                case AggregateOperator value:
                    aggregate = new Aggregate(Aggregates.FunctionOf(value.Function), value.ResultType);
                    break;
                default:
                    throw new QueryTranslationException(null, $"Cannot translate the operator '{op}'.",
                        "Supported: Where, Select, OrderBy/ThenBy(Descending), Skip, Take, Distinct, GroupBy, First, Single, Count, LongCount, Any, All, Sum, Min, Max, Average.");
            }
        }

        if (aggregate is not null)
        {
            return TranslateAggregate(_source, queryModel.Selector, aggregate);
        }

        var selector = queryModel.Selector;
        if (_options.HasIncludes && (selector is not QuerySourceExpression || _context.Model.Find(selector.Type) is null))
        {
            throw new QueryTranslationException(selector, "Include applies to queries that return the rows themselves, not a projection.",
                "Select the navigation in the projection instead (e.g. Select(u => new { u.Name, u.Posts }).");
        }

        // Page the roots before joining their relations: otherwise an ORDER BY that no index serves makes PostgreSQL
        // build every root's related JSON before sorting and cutting to the page.
        if (_options.HasIncludes && (_limit is not null || _offset is not null) && CanWrap())
        {
            WrapPaged();
        }

        var strategy = _options.Strategy ?? LoadStrategy.Join;
        var sink = new RowSink(strategy);
        var projection = new ProjectionBuilder(_context, _expressions, sink, _relations) { RootIncludes = _options.HasIncludes ? _options.Includes : null };
        var shaper = projection.Build(selector);
        _followUps = [.. sink.Deferred.Select(include => FollowUpPlanner.Plan(_context, _row!.Model, include, strategy))];
        var pageKeys = _pageKeys is null ? null : PageKeys(sink);
        var select = Select(_source, sink.Items);
        return Finish(select, sink.Input, shaper, single, pageKeys, sink.DirectShaper(shaper));
    }

    private void Page(QueryOperator op) => (_limit, _offset) = op switch
    {
        TakeOperator take => LimitOffset.Take(_limit, _offset, Value(take.Count)),
        SkipOperator skip => LimitOffset.Skip(_limit, _offset, Value(skip.Count)),
        _ => throw new ArgumentOutOfRangeException(nameof(op)),
    };

    private void BodyClause(QueryClause clause, List<SqlExpression> filters)
    {
        switch (clause)
        {
            case WhereClause where:
                filters.Add(_expressions.TranslatePredicate(where.Predicate));
                break;
            case OrderByClause orderBy:
                // A later OrderBy sorts first; the earlier ordering only breaks its ties (LINQ's stable sort).
                var keys = orderBy.Orderings.Select(o => new SqlOrdering(_expressions.Translate(o.Expression).Sql, o.Descending)).ToList();
                _orderBy = [.. keys, .. _orderBy];
                break;
            default:
                throw new QueryTranslationException(null, $"Cannot translate the query clause '{clause}'.",
                    "Joins and multiple from clauses are not supported; use navigation properties instead.");
        }
    }

    // The FROM of the query: a table, or the rows under a GroupBy (whose key becomes GROUP BY).
    private SqlTableSource BindSource(QueryModel query)
    {
        if (query.From is SubqueryExpression { Model: var inner } && inner.Operators is [GroupByOperator group])
        {
            var source = BindSource(inner);
            foreach (var clause in inner.Clauses)
            {
                _where.Add(clause is WhereClause where
                    ? _expressions.TranslatePredicate(where.Predicate)
                    : throw new QueryTranslationException(null, $"Cannot translate '{clause}' before GroupBy."));
            }

            if (group.ElementSelector is not QuerySourceExpression { Source: var elementSource } || elementSource != inner.Source)
            {
                throw new QueryTranslationException(group.ElementSelector, "GroupBy with an element selector is not supported.",
                    "Group the rows themselves and project inside the aggregate, e.g. g.Sum(x => x.Value).");
            }

            var elements = _context.Find(inner.Source)!;
            var binding = new GroupBinding(group.KeySelector, elements);
            _context.BindGroup(query.Source, binding);
            _groupBy.AddRange(KeyParts(group.KeySelector).Select(k => _expressions.KeyPart(binding, k).Sql));
            return source;
        }

        if (query.From is SubqueryExpression { Model: var nested })
        {
            return Flatten(query.Source, nested);
        }

        if (query.From is not ConstantExpression { Value: IQueryable })
        {
            throw new QueryTranslationException(query.From, "queries must start from a table.",
                "Start the query from a table property of the database (e.g. db.Users).");
        }

        var table = _context.ModelFor(query.Source.ItemType, query.From);
        var alias = _context.NextAlias();
        _row = new SourceBinding(alias, table, _scope);
        _context.Bind(query.Source, _row);
        _rowSources.Add(query.Source);
        return new SqlTableReference(table.TableName, alias);
    }

    // A query over a query: an operator followed Skip/Take/Distinct (e.g. .Skip(20).Take(10).Select(…)).
    // It is folded into this SELECT: the inner clauses and paging apply first, and the outer source stands for the
    // inner selector. Where/OrderBy after Skip/Take would need a derived table and are rejected with advice.
    private SqlTableSource Flatten(QuerySource outer, QueryModel inner)
    {
        var source = BindSource(inner);
        foreach (var clause in inner.Clauses)
        {
            BodyClause(clause, _where);
        }

        foreach (var op in inner.Operators)
        {
            switch (op)
            {
                case TakeOperator or SkipOperator:
                    Page(op);
                    break;
                case DistinctOperator:
                    _distinct = true;
                    break;
                default:
                    throw new QueryTranslationException(null, $"Cannot translate '{op}' followed by further operators.");
            }
        }

        _pagedSource = _limit is not null || _offset is not null;
        _outerSelector = (outer, inner.Selector);
        if (inner.Selector is QuerySourceExpression { Source: var innerSource }
            && _context.Find(innerSource) is { } binding)
        {
            _context.Bind(outer, binding);
            _rowSources.Add(outer);
            _outerSelector = null;
        }

        return source;
    }

    private bool CanWrap() => _row is not null && _groupBy.Count == 0 && _outerSelector is null
        && _orderBy.All(o => o.Expression is SqlColumnExpression column && column.TableAlias == _row.Alias);

    // Take(10).Where(…), Take(10).OrderBy(…), Take(10).Distinct(): the page is picked first, in a derived table, and the
    // later operators apply to it. The page keeps its order unless a later OrderBy changes it.
    private void WrapPaged()
    {
        if (_row is null || _groupBy.Count > 0 || _outerSelector is not null)
        {
            throw new QueryTranslationException(null, "operators after Skip/Take are supported only on the rows themselves, not on a projection or groups.",
                "Filter and order before paging, or project last.");
        }

        var old = _row;
        var inner = Select(_source, [.. old.Model.Columns.Select(c => new SqlSelectItem(new SqlColumnExpression(old.Alias, c.ColumnName)))]);
        var alias = _context.NextAlias();
        var orderings = _orderBy.Select(o => o.Expression is SqlColumnExpression column && column.TableAlias == old.Alias
            ? o with { Expression = column with { TableAlias = alias } }
            : throw new QueryTranslationException(null, "the page's ordering uses a related row, so operators after Skip/Take cannot keep it.",
                "Order by the row's own columns before paging.")).ToList();

        _scope = new QueryScope(_context);
        _expressions = new SqlExpressionTranslator(_context, _scope);
        _row = new SourceBinding(alias, old.Model, _scope);
        foreach (var source in _rowSources)
        {
            _context.Bind(source, _row);
        }

        _source = new SqlDerivedTable(inner, alias);
        _where.Clear();
        _orderBy = orderings;
        _limit = null;
        _offset = null;
        _distinct = false;
        _pagedSource = false;
    }

    private static IEnumerable<Expression> KeyParts(Expression key) => key switch
    {
        NewExpression @new => @new.Arguments,
        MemberInitExpression init => init.Bindings.Cast<MemberAssignment>().Select(b => b.Expression),
        _ => [key],
    };

    private SqlSelectStatement Select(SqlTableSource source, IReadOnlyList<SqlSelectItem> items) => new()
    {
        Items = items,
        From = source,
        Joins = _scope.Joins,
        Where = Conjunction(_where),
        GroupBy = _groupBy,
        Having = Conjunction(_having),
        // DISTINCT rows have no order of their own: an ordering on a column that is not selected cannot apply (PostgreSQL refuses it).
        OrderBy = _distinct ? [.. _orderBy.Where(o => items.Any(i => i.Expression == o.Expression))] : _orderBy,
        Limit = _limit,
        Offset = _offset,
        Distinct = _distinct,
    };

    private CompiledQuery TranslateAggregate(SqlTableSource source, Expression selector, Aggregate aggregate)
    {
        var paged = _limit is not null || _offset is not null || _distinct || _groupBy.Count > 0;
        SqlSelectStatement statement;
        switch (aggregate.Function)
        {
            case "count":
            {
                var inner = paged ? Select(source, Selected(selector)) with { OrderBy = [] } : null;
                SqlExpression count = new SqlFunctionExpression("count", SqlStarExpression.Instance);
                if (aggregate.ResultType == typeof(int))
                {
                    count = new SqlCastExpression(count, "integer");
                }

                statement = Over(source, inner, count, paged);
                break;
            }

            case "exists":
                statement = new SqlSelectStatement { Items = [new SqlSelectItem(new SqlExistsExpression(Select(source, [new SqlSelectItem(SqlLiteralExpression.Integer(1))])))] };
                break;
            case "all":
            {
                if (paged)
                {
                    throw new QueryTranslationException(aggregate.Predicate, "All after Skip, Take, Distinct or GroupBy is not supported.");
                }

                var failing = new SqlUnaryExpression(SqlUnaryOperator.Not, _expressions.TwoValued(_expressions.Translate(aggregate.Predicate!)));
                var counterExample = Select(source, [new SqlSelectItem(SqlLiteralExpression.Integer(1))]) with { Where = Conjunction([.. _where, failing]) };
                statement = new SqlSelectStatement { Items = [new SqlSelectItem(new SqlUnaryExpression(SqlUnaryOperator.Not, new SqlExistsExpression(counterExample)))] };
                break;
            }

            default:
            {
                var value = _expressions.Translate(selector);
                SqlExpression argument = value.Sql;
                SqlSelectStatement? inner = null;
                if (paged)
                {
                    inner = Select(source, [new SqlSelectItem(value.Sql, "v")]);
                    argument = new SqlColumnExpression("s", "v");
                }

                var result = Aggregates.Typed(aggregate.Function, argument, aggregate.ResultType, selector);
                statement = Over(source, inner, result, paged);
                break;
            }
        }

        var reader = Expression.Parameter(typeof(NpgsqlDataReader), "reader");
        return Finish(statement, reader, AggregateShaper(aggregate, reader), RowCardinality.Scalar);
    }

    private List<SqlSelectItem> Selected(Expression selector)
    {
        if (!_distinct)
        {
            return [new SqlSelectItem(SqlLiteralExpression.Integer(1))];
        }

        // DISTINCT counts distinct projected rows, so the projection must be in the inner select.
        var sink = new RowSink();
        new ProjectionBuilder(_context, _expressions, sink, _relations).Build(selector);
        return sink.Items;
    }

    private SqlSelectStatement Over(SqlTableSource source, SqlSelectStatement? inner, SqlExpression item, bool paged) =>
        paged
            ? new SqlSelectStatement { Items = [new SqlSelectItem(item)], From = new SqlDerivedTable(inner!, "s") }
            : new SqlSelectStatement { Items = [new SqlSelectItem(item)], From = source, Joins = _scope.Joins, Where = Conjunction(_where) };

    // LINQ throws on Min/Max/Average of an empty sequence of non-nullable values; SQL returns NULL.
    private static Expression AggregateShaper(Aggregate aggregate, ParameterExpression reader) =>
        aggregate.Function is "min" or "max" or "avg"
            ? ScalarType.Get(aggregate.ResultType).ReadNonEmpty(reader, 0)
            : ValueReader.Read(reader, 0, aggregate.ResultType);

    private SqlExpression Value(Expression expression) => _expressions.Translate(expression).Sql;

    private SqlExpression Limit(int rows) =>
        _limit is null ? SqlLiteralExpression.Integer(rows) : new SqlFunctionExpression("LEAST", _limit, SqlLiteralExpression.Integer(rows));

    private static SqlExpression? Conjunction(IReadOnlyList<SqlExpression> predicates) =>
        predicates.Count == 0 ? null : predicates.Skip(1).Aggregate(predicates[0], (a, b) => new SqlBinaryExpression(SqlBinaryOperator.And, a, b));

    private CompiledQuery Finish(SqlSelectStatement statement, ParameterExpression reader, Expression shaper, RowCardinality? single,
        Paging.PageKeyReader? pageKeys = null, Delegate? directShaper = null)
    {
        return new CompiledQuery(PostgresRenderer.Render(statement), reader, shaper, single, directShaper)
        {
            PageSignature = _pageSignature, PageKeys = pageKeys, FollowUps = _followUps,
        };
    }

    private sealed record Aggregate(string Function, Type ResultType, Expression? Predicate = null);
}
