using System.Linq.Expressions;
using Linq.Contract;
using Linq.Execution;
using Linq.Querying.Expressions;
using Linq.Querying.Model;
using Linq.Querying.Relations;
using Linq.Sql.Rendering;
using Linq.Sql.Syntax;

namespace Linq.Querying.Operators;

/// <summary>
/// The select being built while a <see cref="QueryModel"/> is translated: what the operator handlers read and
/// change. The scope and its expression translator are replaced when a page is wrapped in a derived table.
/// </summary>
internal sealed class OperatorState
{
    public OperatorState(TranslationContext context, QueryOptions options)
    {
        Context = context;
        Options = options;
        Scope = new QueryScope(context);
        Expressions = new SqlExpressionTranslator(context, Scope);
        Relations = new RelationTranslator(context);
    }

    public TranslationContext Context { get; }

    public QueryOptions Options { get; }

    public RelationTranslator Relations { get; }

    public QueryScope Scope { get; private set; }

    public SqlExpressionTranslator Expressions { get; private set; }

    /// <summary>The query sources that stand for the table's rows (the outer source of a flattened query among them).</summary>
    public List<QuerySource> RowSources { get; } = [];

    /// <summary>The table's rows, when the query reads a table (not a projection of a nested query).</summary>
    public SourceBinding? Row { get; set; }

    public SqlTableSource Source { get; set; } = null!;

    /// <summary>The model of the first table the query reads: the model its operation is about.</summary>
    public ModelMetadata? RootModel { get; set; }

    public List<SqlExpression> Where { get; } = [];

    public List<SqlExpression> Having { get; } = [];

    public List<SqlExpression> GroupBy { get; } = [];

    public List<SqlOrdering> OrderBy { get; set; } = [];

    public SqlExpression? Limit { get; set; }

    public SqlExpression? Offset { get; set; }

    public bool Distinct { get; set; }

    /// <summary>Whether a join or second from added a table: the rows are no longer the table's own rows.</summary>
    public bool Joined { get; set; }

    /// <summary>The outer source of a flattened query and the inner selector it stands for, when that is a projection.</summary>
    public (QuerySource Source, Expression Selector)? OuterSelector { get; set; }

    public IReadOnlyList<FollowUpQuery> FollowUps { get; set; } = [];

    /// <summary>Whether a follow-up was chosen by shape, not named (see <see cref="StrategyChoice"/>).</summary>
    public bool BatchedByDefault { get; set; }

    /// <summary>Keyset paging: the ordering keys read back for the next cursor, and the ordering's signature.</summary>
    public List<(SqlExpression Sql, ColumnMetadata Column)>? PageKeys { get; set; }

    public string? PageSignature { get; set; }

    public bool Paged => Limit is not null || Offset is not null;

    /// <summary>A fresh scope (and expression translator) for the select around a derived table.</summary>
    public void NewScope()
    {
        Scope = new QueryScope(Context);
        Expressions = new SqlExpressionTranslator(Context, Scope);
    }

    public SqlExpression Value(Expression expression) => Expressions.Translate(expression).Sql;

    public SqlSelectStatement Select(SqlTableSource source, IReadOnlyList<SqlSelectItem> items) => new()
    {
        Items = items,
        From = source,
        Joins = Scope.Joins,
        Where = Conjunction(Where),
        GroupBy = GroupBy,
        Having = Conjunction(Having),
        // DISTINCT rows have no order of their own: an ordering on a column that is not selected cannot apply (PostgreSQL refuses it).
        OrderBy = Distinct ? [.. OrderBy.Where(o => items.Any(i => i.Expression == o.Expression))] : OrderBy,
        Limit = Limit,
        Offset = Offset,
        Distinct = Distinct,
    };

    public static SqlExpression? Conjunction(IReadOnlyList<SqlExpression> predicates) =>
        predicates.Count == 0 ? null : predicates.Skip(1).Aggregate(predicates[0], (a, b) => new SqlBinaryExpression(SqlBinaryOperator.And, a, b));

    public CompiledQuery Finish(SqlSelectStatement statement, ParameterExpression reader, Expression shaper, RowCardinality? single,
        Paging.PageKeyReader? pageKeys = null, Delegate? directShaper = null) =>
        new(PostgresRenderer.Render(statement), reader, shaper, single, directShaper)
        {
            PageSignature = PageSignature, PageKeys = pageKeys, FollowUps = FollowUps, BatchedByDefault = BatchedByDefault,
            Capacity = single is null ? RowCapacity.Of(statement.Limit) : null,
            Statement = single is null ? null : statement,
        };
}
