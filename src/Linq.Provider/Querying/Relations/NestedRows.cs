using System.Linq.Expressions;
using System.Text.Json;
using Linq.Contract;
using Linq.Querying.Expressions;
using Linq.Querying.Model;
using Linq.Querying.Operators;
using Linq.Querying.Shaping;
using Linq.Sql.Syntax;

namespace Linq.Querying.Relations;

/// <summary>
/// The rows of a query over a collection navigation (<c>u.Posts.Where(…).OrderBy(…).Skip(…).Take(…).Distinct().Select(…)</c>),
/// its operators in any order, queries over queries included (<c>Take(3).Where(…)</c>). They stay the related table's
/// rows, correlated with the owner, as long as the operators allow: a Where, OrderBy or aggregate after Skip/Take
/// first picks the page in a derived table that keeps its order as a row number; a Distinct over a projection groups
/// the projected values in a derived table, ordered by their first occurrence (as LINQ-to-Objects keeps them).
/// What ends the query (a list, First/Single, an aggregate) is built by the caller from <see cref="Terminal"/>.
/// </summary>
internal sealed class NestedRows
{
    // The row number under which a derived table keeps the order of its rows.
    private const string Position = "__position";

    private readonly TranslationContext _context;
    private readonly Expression _at;
    private readonly List<QuerySource> _rowSources = [];

    private NestedRows(TranslationContext context, SourceBinding row, SqlTableSource from, SqlExpression correlation, Expression at)
    {
        _context = context;
        _at = at;
        Row = row;
        Scope = row.Scope;
        From = from;
        Where = correlation;
        Element = at;
    }

    /// <summary>The related table's row the query ranges over; null once a Distinct over a projection made the rows values.</summary>
    public SourceBinding? Row { get; private set; }

    /// <summary>The SELECT the rows are read in (its joins).</summary>
    public QueryScope Scope { get; private set; }

    public SqlTableSource From { get; private set; }

    public SqlExpression? Where { get; private set; }

    public SqlExpression? Limit { get; private set; }

    public SqlExpression? Offset { get; private set; }

    /// <summary>What each row yields: the row itself, or a projection over it (or over the columns of a derived table).</summary>
    public Expression Element { get; private set; }

    /// <summary>The operator that ends the query (First, Single, an aggregate), or null when it yields its rows.</summary>
    public QueryOperator? Terminal { get; private set; }

    /// <summary>The query the terminal operator belongs to (an All's predicate refers to its source).</summary>
    public QueryModel? TerminalQuery { get; private set; }

    public bool Paged => Limit is not null || Offset is not null;

    /// <summary>A translator over the rows as they are now.</summary>
    public SqlExpressionTranslator Translator => new(_context, Scope);

    /// <summary>Whether each element is the related row itself (an entity).</summary>
    public bool ElementIsRow => Row is not null && Element is QuerySourceExpression reference && _rowSources.Contains(reference.Source);

    private List<SqlOrdering> _orderBy = [];

    // The selector a Distinct grouped, and what stands for it since.
    private (Expression Selected, Expression Element)? _replaced;

    /// <summary>The rows' order: the query's (ties broken by the order before it, as LINQ's stable sort does), by primary key when none is given.</summary>
    public IReadOnlyList<SqlOrdering> Ordering => _orderBy.Count > 0 || Row is null
        ? _orderBy
        : [.. Row.Model.PrimaryKey.Columns.Select(c => new SqlOrdering(new SqlColumnExpression(Row.Alias, c.ColumnName)))];

    /// <summary>The navigation a collection query reads, following queries over queries down to it (<c>[u].Posts</c>).</summary>
    public static MemberExpression? Navigation(QueryModel model) => model.From switch
    {
        SubqueryExpression inner => Navigation(inner.Model),
        MemberExpression { Expression: not null } member => member,
        _ => null,
    };

    /// <summary>The owner row and to-many relation <paramref name="model"/> reads, or null when it reads something else.</summary>
    public static (SourceBinding Owner, RelationMetadata Relation)? Relation(SqlExpressionTranslator outer, QueryModel model) =>
        Navigation(model) is { } navigation && outer.ResolveRow(navigation.Expression!) is { } owner
            && owner.Model.FindRelation(navigation.Member.Name) is { Kind: RelationKind.ToMany } relation
            ? (owner, relation)
            : null;

    /// <summary>The rows of <paramref name="model"/>, a query over <paramref name="relation"/> of <paramref name="owner"/>.</summary>
    public static NestedRows Read(TranslationContext context, SourceBinding owner, RelationMetadata relation, QueryModel model, Expression at)
    {
        var target = relation.Target;
        var alias = context.NextAlias();
        var row = new SourceBinding(alias, target, new QueryScope(context));
        var rows = new NestedRows(context, row, new SqlTableReference(target.TableName, alias), QueryScope.KeyCondition(owner, alias, relation), at);
        rows.Query(model, outermost: true);
        return rows;
    }

    /// <summary>At most <paramref name="count"/> rows of the current page (First reads one, Single two).</summary>
    public void TakeAtMost(int count) => (Limit, Offset) = LimitOffset.Take(Limit, Offset, SqlLiteralExpression.Integer(count));

    /// <summary>The rows without paging, for an aggregate over them: a paged query is first picked in a derived table.</summary>
    public void Unpage()
    {
        if (Paged)
        {
            Wrap();
        }
    }

    private void Query(QueryModel model, bool outermost)
    {
        if (model.From is SubqueryExpression { Model: var inner })
        {
            Query(inner, outermost: false);
            if (ElementIsRow)
            {
                BindRow(model.Source);
            }
            else
            {
                // The outer query's rows are the inner projection: put it where the outer query refers to them.
                model = MemberFolder.Fold(model.Replace(model.Source, Element));
            }
        }
        else
        {
            BindRow(model.Source);
        }

        foreach (var clause in model.Clauses)
        {
            switch (clause)
            {
                case WhereClause where:
                {
                    Unpage();
                    var predicate = Translator.TranslatePredicate(where.Predicate);
                    Where = Where is null ? predicate : new SqlBinaryExpression(SqlBinaryOperator.And, Where, predicate);
                    break;
                }

                case OrderByClause orderBy:
                {
                    Unpage();
                    var translator = Translator;
                    // A key already sorted by decides nothing later: each expression once, where it first sorts.
                    List<SqlOrdering> orderings = [.. orderBy.Orderings.Select(o => OrderingHandler.Key(translator.Translate(o.Expression), o.Descending)), .. Ordering];
                    _orderBy = [.. orderings.DistinctBy(o => o.Expression)];
                    break;
                }

                case AdditionalFromClause from:
                    SelectMany(from);
                    break;
                default:
                    throw new QueryTranslationException(_at, $"the clause '{clause}' is not supported on a related collection.",
                        "Use Where, OrderBy/ThenBy, Skip, Take, Distinct and Select on it.");
            }
        }

        Element = model.Selector;
        for (var i = 0; i < model.Operators.Count; i++)
        {
            var op = model.Operators[i];
            switch (op)
            {
                case TakeOperator take:
                    (Limit, Offset) = LimitOffset.Take(Limit, Offset, Translator.Translate(take.Count).Sql);
                    break;
                case SkipOperator skip:
                    (Limit, Offset) = LimitOffset.Skip(Limit, Offset, Translator.Translate(skip.Count).Sql);
                    break;
                case DistinctOperator:
                    // A table's rows are distinct already; projected values are grouped.
                    if (!ElementIsRow)
                    {
                        var selected = Element;
                        WrapValues(group: true);
                        _replaced = (selected, Element);
                    }

                    break;
                default:
                    if (!outermost || i != model.Operators.Count - 1)
                    {
                        throw new QueryTranslationException(_at, $"'{op}' cannot be followed by further operators on a related collection.",
                            "End the related collection's query with it.");
                    }

                    Terminal = op;
                    TerminalQuery = model;
                    break;
            }
        }
    }

    // x.Invoices.SelectMany(i => i.Lines) (or i => i.Track.Lines): the rows become the related rows of each row so far,
    // an inner join (a row without any drops out, as in LINQ), in the order of the rows so far and then of the related
    // rows' keys.
    private void SelectMany(AdditionalFromClause from)
    {
        Unpage();
        if (Row is null || from.From is not MemberExpression { Expression: { } owner } navigation || Translator.ResolveRow(owner) is not { } ownerRow
            || ownerRow.Model.FindRelation(navigation.Member.Name) is not { Kind: RelationKind.ToMany } relation)
        {
            throw new QueryTranslationException(_at, $"the clause '{from}' is not supported on a related collection: SelectMany reads a collection navigation of its rows (or of a row they reach) only.",
                "Write x.Children.SelectMany(c => c.GrandChildren), or nest the aggregates: x.Children.Sum(c => c.GrandChildren.Sum(g => …)).");
        }

        var ordering = Ordering;
        var alias = _context.NextAlias();
        Scope.Joins.Add(new SqlJoin(SqlJoinKind.Inner, new SqlTableReference(relation.Target.TableName, alias), QueryScope.KeyCondition(ownerRow, alias, relation)));
        Row = new SourceBinding(alias, relation.Target, Scope);
        _rowSources.Clear();
        BindRow(from.Source);
        _orderBy = [.. ordering, .. relation.Target.PrimaryKey.Columns.Select(c => new SqlOrdering(new SqlColumnExpression(alias, c.ColumnName)))];
    }

    /// <summary>
    /// An expression of the terminal operator (All's predicate) over the rows as they are now: re-linq writes it over the
    /// query's selector, which a Distinct in the same query replaced by the grouped values' columns.
    /// </summary>
    public Expression Resolve(Expression expression) =>
        _replaced is var (selected, element) ? new SelectorReplacer(selected, element).Visit(expression)! : expression;

    private void BindRow(QuerySource source)
    {
        _context.Bind(source, Row!);
        _rowSources.Add(source);
    }

    // The rows so far (their filter, order and page) in a derived table; later operators apply to it.
    private void Wrap()
    {
        if (Row is not { } old)
        {
            WrapValues(group: false);
            return;
        }

        var inner = new SqlSelectStatement
        {
            Items = [.. old.Model.Columns.Select(c => new SqlSelectItem(new SqlColumnExpression(old.Alias, c.ColumnName))), new SqlSelectItem(RowNumber(), Position)],
            From = From,
            Joins = Scope.Joins,
            Where = Where,
            OrderBy = Paged ? Ordering : [],
            Limit = Limit,
            Offset = Offset,
        };
        var alias = _context.NextAlias();
        Scope = new QueryScope(_context);
        Row = new SourceBinding(alias, old.Model, Scope);
        foreach (var source in _rowSources)
        {
            _context.Bind(source, Row);
        }

        Reset(new SqlDerivedTable(inner, alias), alias);
    }

    // The projected values as columns of a derived table (grouped for Distinct, keeping each value's first position);
    // the element becomes the same projection over those columns.
    private void WrapValues(bool group)
    {
        var alias = _context.NextAlias();
        var slots = new List<SqlExpression>();
        var element = new SlotCollector(Translator, alias, slots, group).Visit(Element)!;
        if (slots.Count == 0)
        {
            throw new QueryTranslationException(_at, "Distinct needs a projection that reads values from the rows.");
        }

        var inner = new SqlSelectStatement
        {
            Items = [.. slots.Select((s, i) => new SqlSelectItem(s, Slot(i))), new SqlSelectItem(RowNumber(), Position)],
            From = From,
            Joins = Scope.Joins,
            Where = Where,
            OrderBy = Paged ? Ordering : [],
            Limit = Limit,
            Offset = Offset,
        };
        var from = inner;
        if (group)
        {
            var values = _context.NextAlias();
            List<SqlExpression> columns = [.. slots.Select((_, i) => (SqlExpression)new SqlColumnExpression(values, Slot(i)))];
            from = new SqlSelectStatement
            {
                Items = [.. columns.Select((c, i) => new SqlSelectItem(c, Slot(i))),
                    new SqlSelectItem(new SqlFunctionExpression("min", new SqlColumnExpression(values, Position)), Position)],
                From = new SqlDerivedTable(inner, values),
                GroupBy = columns,
            };
        }

        Scope = new QueryScope(_context);
        Row = null;
        Element = element;
        Reset(new SqlDerivedTable(from, alias), alias);
    }

    private void Reset(SqlTableSource from, string alias)
    {
        From = from;
        Where = null;
        Limit = null;
        Offset = null;
        _orderBy = [new SqlOrdering(new SqlColumnExpression(alias, Position))];
    }

    private SqlExpression RowNumber() => new SqlWindowFunctionExpression("row_number", [], [], Ordering);

    private static string Slot(int index) => "s" + index;

    // Replaces each part of a projection that SQL computes by a column of the derived table it goes into.
    private sealed class SlotCollector(SqlExpressionTranslator translator, string alias, List<SqlExpression> slots, bool distinct) : ExpressionVisitor
    {
        public override Expression? Visit(Expression? node)
        {
            if (node is null || SqlExpressionTranslator.IsValue(node))
            {
                return node;
            }

            if (ProjectionBuilder.IsScalar(node.Type) && (!distinct || Comparable(node.Type)) && translator.TryTranslate(node, out var value))
            {
                var sql = node.Type == typeof(bool) ? translator.TwoValued(value!) : value!.Sql;
                slots.Add(sql);
                return new TranslatedValueExpression(new SqlValue(new SqlColumnExpression(alias, Slot(slots.Count - 1)), value!.MayBeNull, value.Column), node.Type);
            }

            return node switch
            {
                // An anonymous type compares by its members, as the grouped columns do.
                NewExpression { Members: not null } => base.Visit(node),
                NewExpression or MemberInitExpression when !distinct => base.Visit(node),
                _ => throw new QueryTranslationException(node, distinct
                        ? "Distinct over this projection cannot be translated: only values and anonymous types of values compare by value."
                        : "this projection cannot be kept across Skip/Take followed by further operators.",
                    distinct
                        ? "Select a value or an anonymous type of values before Distinct (a class compares by reference in .NET)."
                        : "Apply Where and OrderBy before Skip/Take, or select after them."),
            };
        }

        // Arrays and JSON compare by reference in .NET (and JSON has no equality in SQL).
        private static bool Comparable(Type type)
        {
            var t = Nullable.GetUnderlyingType(type) ?? type;
            return !t.IsArray && t != typeof(JsonDocument) && t != typeof(JsonElement);
        }
    }

    // The selector's occurrences (re-linq copies it into the operator's expression, so they are equal in shape, not the same node).
    private sealed class SelectorReplacer(Expression selected, Expression element) : ExpressionVisitor
    {
        private readonly string _shape = selected.ToString();

        public override Expression? Visit(Expression? node) =>
            node is not null && node.Type == selected.Type && (node == selected || node.ToString() == _shape) ? element : base.Visit(node);
    }

    // new { A = x }.A is x: what a projection's member access means once the projection is put in its place.
    private sealed class MemberFolder : ExpressionVisitor
    {
        public static QueryModel Fold(QueryModel model)
        {
            var folder = new MemberFolder();
            return model.Transform(e => folder.Visit(e)!);
        }

        protected override Expression VisitMember(MemberExpression node)
        {
            var target = Visit(node.Expression);
            switch (target)
            {
                case NewExpression { Members: { } members } created:
                    for (var i = 0; i < members.Count; i++)
                    {
                        if (members[i].Name == node.Member.Name)
                        {
                            return created.Arguments[i];
                        }
                    }

                    break;
                case MemberInitExpression init:
                    foreach (var binding in init.Bindings)
                    {
                        if (binding is MemberAssignment assignment && assignment.Member.Name == node.Member.Name)
                        {
                            return assignment.Expression;
                        }
                    }

                    break;
            }

            return node.Update(target);
        }
    }
}
