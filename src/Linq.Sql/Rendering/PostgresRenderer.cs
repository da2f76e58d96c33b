using System.Globalization;
using System.Text;
using Linq.Sql.Syntax;

namespace Linq.Sql.Rendering;

/// <summary>
/// Renders syntax trees to PostgreSQL text. Identifiers are always quoted; values only ever appear as
/// positional parameters <c>$n</c>, numbered here by first appearance in the text (one node referenced twice is one
/// <c>$n</c>) and returned in that order with the text. Nested operators are parenthesised, so precedence never
/// depends on PostgreSQL's operator table.
/// </summary>
internal sealed class PostgresRenderer
{
    // Up to this many parameters are numbered by a linear search; more get a dictionary (multi-row inserts have thousands).
    private const int LinearSearchLimit = 16;

    // A renderer's buffers are kept for the thread's next statement (as the BCL's StringBuilderCache does), up to these sizes.
    private const int MaxKeptText = 16 * 1024;
    private const int MaxKeptParameters = 1024;

    [ThreadStatic]
    private static PostgresRenderer? _kept;

    private readonly StringBuilder _sql = new(256);
    private List<SqlParameterExpression> _parameters = [];
    private Dictionary<SqlParameterExpression, int>? _numbers;
    private bool _numbered; // _numbers holds every parameter (past the linear search)
    private IReadOnlyDictionary<SqlParameterExpression, SqlExpression>? _substitutes;

    private PostgresRenderer() { }

    /// <summary>Renders a statement: its text and its parameters in <c>$n</c> order.</summary>
    public static RenderedSql Render(SqlStatement statement)
    {
        ArgumentNullException.ThrowIfNull(statement);
        var renderer = Rent();
        renderer.Statement(statement);
        return renderer.Finish();
    }

    /// <summary>
    /// Renders a statement with some parameter nodes written as other expressions (the same nodes, by reference, wherever
    /// the tree has them): a cached plan's statement reused inside a larger one, its values read from columns there.
    /// </summary>
    public static RenderedSql Render(SqlStatement statement, IReadOnlyDictionary<SqlParameterExpression, SqlExpression> substitutes)
    {
        ArgumentNullException.ThrowIfNull(statement);
        ArgumentNullException.ThrowIfNull(substitutes);
        var renderer = Rent();
        renderer._substitutes = substitutes;
        renderer.Statement(statement);
        renderer._substitutes = null;
        return renderer.Finish();
    }

    /// <summary>Renders a lone expression (used by tests and diagnostics).</summary>
    public static RenderedSql Render(SqlExpression expression)
    {
        ArgumentNullException.ThrowIfNull(expression);
        var renderer = Rent();
        renderer.Expression(expression);
        return renderer.Finish();
    }

    // A renderer that throws is simply not kept.
    private static PostgresRenderer Rent()
    {
        var renderer = _kept ?? new PostgresRenderer();
        _kept = null;
        return renderer;
    }

    private RenderedSql Finish()
    {
        var result = new RenderedSql(_sql.ToString(), _parameters.Count == 0 ? [] : _parameters.ToArray());
        if (_sql.Capacity <= MaxKeptText)
        {
            _sql.Clear();
            if (_parameters.Capacity > MaxKeptParameters)
            {
                _parameters = [];
            }

            _parameters.Clear();
            if (_numbers is { Count: > MaxKeptParameters })
            {
                _numbers = null;
            }

            _numbers?.Clear();
            _numbered = false;
            _kept = this;
        }

        return result;
    }

    private void Statement(SqlStatement statement)
    {
        switch (statement)
        {
            case SqlSelectStatement select:
                Select(select);
                break;
            case SqlInsertStatement insert:
                Insert(insert);
                break;
            case SqlWithStatement with:
                _sql.Append("WITH ");
                List(with.Ctes, cte =>
                {
                    Identifier.Append(_sql, cte.Name);
                    _sql.Append(" AS (");
                    Statement(cte.Statement);
                    _sql.Append(')');
                });
                _sql.Append(' ');
                Statement(with.Body);
                break;
            case SqlUpdateStatement update:
                _sql.Append("UPDATE ");
                Table(update.Table);
                _sql.Append(" SET ");
                Assignments(update.Set);
                if (update.Where is { } updateWhere)
                {
                    _sql.Append(" WHERE ");
                    Expression(updateWhere);
                }

                Returning(update.Returning);
                break;
            case SqlRawFragment raw:
                Raw(raw);
                break;
            case SqlDeleteStatement delete:
                _sql.Append("DELETE FROM ");
                Table(delete.Table);
                if (delete.Where is { } deleteWhere)
                {
                    _sql.Append(" WHERE ");
                    Expression(deleteWhere);
                }

                Returning(delete.Returning);
                break;
            default:
                throw new NotSupportedException($"Cannot render statement {statement.GetType().Name}.");
        }
    }

    private void Select(SqlSelectStatement select)
    {
        _sql.Append(select.Distinct ? "SELECT DISTINCT " : "SELECT ");
        if (select.DistinctOn.Count > 0)
        {
            _sql.Append("DISTINCT ON (");
            for (var i = 0; i < select.DistinctOn.Count; i++)
            {
                _sql.Append(i == 0 ? "" : ", ");
                Expression(select.DistinctOn[i]);
            }

            _sql.Append(") ");
        }

        SelectItems(select.Items);
        if (select.From is { } from)
        {
            _sql.Append(" FROM ");
            Table(from);
        }

        foreach (var join in select.Joins)
        {
            _sql.Append(join.Kind switch
            {
                SqlJoinKind.Inner => " INNER JOIN ",
                SqlJoinKind.Left => " LEFT JOIN ",
                SqlJoinKind.Cross => " CROSS JOIN ",
                SqlJoinKind.CrossLateral => " CROSS JOIN LATERAL ",
                _ => " LEFT JOIN LATERAL ",
            });
            Table(join.Table);
            if (join.Kind is not (SqlJoinKind.Cross or SqlJoinKind.CrossLateral))
            {
                _sql.Append(" ON ");
                Expression(join.On);
            }
        }

        if (select.Where is { } where)
        {
            _sql.Append(" WHERE ");
            Expression(where);
        }

        if (select.GroupBy.Count > 0)
        {
            _sql.Append(" GROUP BY ");
            List(select.GroupBy, Key);
        }

        if (select.Having is { } having)
        {
            _sql.Append(" HAVING ");
            Expression(having);
        }

        if (select.OrderBy.Count > 0)
        {
            _sql.Append(" ORDER BY ");
            OrderingList(select.OrderBy);
        }

        if (select.Limit is { } limit)
        {
            _sql.Append(" LIMIT ");
            Expression(limit);
        }

        if (select.Offset is { } offset)
        {
            _sql.Append(" OFFSET ");
            Expression(offset);
        }
    }

    private void Insert(SqlInsertStatement insert)
    {
        _sql.Append("INSERT INTO ");
        QualifiedName(insert.Table);
        if (insert.Table.Alias is { } insertAlias && insert.OnConflictUpdate is not null)
        {
            _sql.Append(" AS ");
            Identifier.Append(_sql, insertAlias);
        }

        if (insert.Source is { } source)
        {
            _sql.Append(" (");
            List(insert.Columns, c => Identifier.Append(_sql, c));
            _sql.Append(") ");
            Select(source);
        }
        else if (insert.Columns.Count == 0)
        {
            // A row made only of defaults has no column list in PostgreSQL; DEFAULT VALUES inserts exactly one row.
            if (insert.Rows.Count != 1 || insert.Rows[0].Count != 0)
            {
                throw new InvalidOperationException("An INSERT without columns must have exactly one empty row.");
            }

            _sql.Append(" DEFAULT VALUES");
        }
        else
        {
            if (insert.Rows.Count == 0)
            {
                throw new InvalidOperationException("An INSERT with columns needs at least one row.");
            }

            _sql.Append(" (");
            List(insert.Columns, c => Identifier.Append(_sql, c));
            _sql.Append(") VALUES ");
            Rows(insert.Rows, insert.Columns.Count);
        }

        if (insert.OnConflictDoNothing)
        {
            _sql.Append(" ON CONFLICT DO NOTHING");
        }
        else if (insert.OnConflictUpdate is { } upsert)
        {
            _sql.Append(" ON CONFLICT (");
            List(upsert.Columns, c => Identifier.Append(_sql, c));
            _sql.Append(") DO UPDATE SET ");
            Assignments(upsert.Set);
            if (upsert.Where is { } condition)
            {
                _sql.Append(" WHERE ");
                Expression(condition);
            }
        }

        Returning(insert.Returning);
    }

    // (a, b), (c, d): each row as long as the column list it fills.
    private void Rows(IReadOnlyList<IReadOnlyList<SqlExpression>> rows, int columns) => List(rows, row =>
    {
        if (row.Count != columns)
        {
            throw new InvalidOperationException($"A VALUES row has {row.Count} values for {columns} columns.");
        }

        _sql.Append('(');
        List(row, Expression);
        _sql.Append(')');
    });

    private void ColumnAliases(IReadOnlyList<string>? names)
    {
        if (names is { Count: > 0 })
        {
            _sql.Append('(');
            List(names, n => Identifier.Append(_sql, n));
            _sql.Append(')');
        }
    }

    private void OrderingList(IReadOnlyList<SqlOrdering> orderings) => List(orderings, o =>
    {
        Key(o.Expression);
        if (o.Descending)
        {
            _sql.Append(" DESC");
        }

        if (o.NullsLow)
        {
            _sql.Append(o.Descending ? " NULLS LAST" : " NULLS FIRST");
        }
    });

    /// <summary>
    /// A GROUP BY or ORDER BY item. A bare literal there is not a value to PostgreSQL: an integer is the position of an
    /// output column, anything else (NULL, TRUE) an error. A constant key (a captured null) is one value for every row,
    /// so it is written as a cast, which PostgreSQL reads as an expression.
    /// </summary>
    private void Key(SqlExpression key)
    {
        if (key is SqlLiteralExpression)
        {
            _sql.Append("CAST(");
            Expression(key);
            _sql.Append(" AS text)");
            return;
        }

        Expression(key);
    }

    private void Assignments(IReadOnlyList<SqlAssignment> assignments)
    {
        if (assignments.Count == 0)
        {
            throw new InvalidOperationException("An UPDATE needs at least one assignment.");
        }

        List(assignments, a =>
        {
            Identifier.Append(_sql, a.Column);
            _sql.Append(" = ");
            Expression(a.Value);
        });
    }

    private void Returning(IReadOnlyList<SqlSelectItem> items)
    {
        if (items.Count > 0)
        {
            _sql.Append(" RETURNING ");
            SelectItems(items);
        }
    }

    private void SelectItems(IReadOnlyList<SqlSelectItem> items)
    {
        if (items.Count == 0)
        {
            throw new InvalidOperationException("A select list cannot be empty.");
        }

        List(items, item =>
        {
            Expression(item.Expression);
            if (item.Alias is { } alias)
            {
                _sql.Append(" AS ");
                Identifier.Append(_sql, alias);
            }
        });
    }

    private void Table(SqlTableSource source)
    {
        switch (source)
        {
            case SqlTableReference table:
                QualifiedName(table);
                if (table.Alias is { } alias)
                {
                    _sql.Append(" AS ");
                    Identifier.Append(_sql, alias);
                }

                break;
            case SqlFunctionTable function:
                Expression(function.Function);
                if (function.WithOrdinality)
                {
                    _sql.Append(" WITH ORDINALITY");
                }

                _sql.Append(" AS ");
                Identifier.Append(_sql, function.Alias);
                ColumnAliases(function.ColumnAliases);
                break;
            case SqlValuesTable values:
                if (values.Rows.Count == 0)
                {
                    throw new InvalidOperationException("A VALUES list needs at least one row.");
                }

                _sql.Append("(VALUES ");
                Rows(values.Rows, values.ColumnAliases.Count);
                _sql.Append(") AS ");
                Identifier.Append(_sql, values.Alias);
                ColumnAliases(values.ColumnAliases);
                break;
            case SqlDerivedTable derived:
                _sql.Append('(');
                Select(derived.Query);
                _sql.Append(") AS ");
                Identifier.Append(_sql, derived.Alias);
                break;
            case SqlSetOperation set:
                _sql.Append("((");
                Select(set.Left);
                _sql.Append(set.Operator switch
                {
                    SqlSetOperator.Union => ") UNION (",
                    SqlSetOperator.UnionAll => ") UNION ALL (",
                    SqlSetOperator.Intersect => ") INTERSECT (",
                    SqlSetOperator.Except => ") EXCEPT (",
                    _ => throw new NotSupportedException($"Cannot render set operator {set.Operator}."),
                });
                Select(set.Right);
                _sql.Append(")) AS ");
                Identifier.Append(_sql, set.Alias);
                break;
            default:
                throw new NotSupportedException($"Cannot render table source {source.GetType().Name}.");
        }
    }

    private void QualifiedName(SqlTableReference table)
    {
        if (table.Schema is { } schema)
        {
            Identifier.Append(_sql, schema);
            _sql.Append('.');
        }

        Identifier.Append(_sql, table.Name);
    }

    private void Expression(SqlExpression expression)
    {
        switch (expression)
        {
            case SqlColumnExpression column:
                if (column.TableAlias is { } alias)
                {
                    Identifier.Append(_sql, alias);
                    _sql.Append('.');
                }

                Identifier.Append(_sql, column.Column);
                break;
            case SqlParameterExpression parameter:
                Parameter(parameter);
                break;
            case SqlLiteralExpression literal:
                _sql.Append(literal.Text);
                break;
            case SqlStarExpression:
                _sql.Append('*');
                break;
            case SqlDefaultExpression:
                _sql.Append("DEFAULT");
                break;
            case SqlBinaryExpression binary:
                Operand(binary.Left);
                _sql.Append(' ').Append(OperatorText(binary.Operator)).Append(' ');
                Operand(binary.Right);
                break;
            case SqlUnaryExpression unary:
                _sql.Append(unary.Operator == SqlUnaryOperator.Not ? "NOT " : "-");
                Operand(unary.Operand);
                break;
            case SqlIsNullExpression isNull:
                Operand(isNull.Operand);
                _sql.Append(isNull.Negated ? " IS NOT NULL" : " IS NULL");
                break;
            case SqlLikeExpression like:
                Operand(like.Operand);
                _sql.Append(like.CaseInsensitive ? " ILIKE " : " LIKE ");
                Operand(like.Pattern);
                _sql.Append(@" ESCAPE '\'");
                break;
            case SqlCastExpression cast:
                Operand(cast.Operand);
                _sql.Append("::").Append(cast.TypeName);
                break;
            case SqlCollateExpression collate:
                Operand(collate.Operand);
                _sql.Append(" COLLATE ");
                Identifier.Append(_sql, collate.Collation);
                break;
            case SqlAnyExpression any:
                Operand(any.Operand);
                _sql.Append(" = ANY(");
                Expression(any.Array);
                _sql.Append(')');
                break;
            case SqlSubscriptExpression subscript:
                // A column takes a subscript as it is; anything else needs parentheses ((f(x))[1]).
                if (subscript.Array is SqlColumnExpression)
                {
                    Expression(subscript.Array);
                }
                else
                {
                    _sql.Append('(');
                    Expression(subscript.Array);
                    _sql.Append(')');
                }

                _sql.Append('[');
                Expression(subscript.Index);
                _sql.Append(']');
                break;
            case SqlFunctionExpression function:
                _sql.Append(function.Name).Append('(');
                List(function.Arguments, Expression);
                _sql.Append(')');
                break;
            case SqlRowValueExpression row:
                if (row.Items.Count < 2)
                {
                    throw new InvalidOperationException("A row value needs at least two items.");
                }

                _sql.Append("ROW(");
                List(row.Items, Expression);
                _sql.Append(')');
                break;
            case SqlAggregateExpression aggregate:
                _sql.Append(aggregate.Name).Append('(');
                if (aggregate.Distinct)
                {
                    _sql.Append("DISTINCT ");
                }

                List(aggregate.Arguments, Expression);
                if (aggregate.OrderBy.Count > 0)
                {
                    _sql.Append(" ORDER BY ");
                    OrderingList(aggregate.OrderBy);
                }

                _sql.Append(')');
                if (aggregate.Filter is { } filter)
                {
                    _sql.Append(" FILTER (WHERE ");
                    Expression(filter);
                    _sql.Append(')');
                }

                break;
            case SqlWindowFunctionExpression window:
                _sql.Append(window.Name).Append('(');
                List(window.Arguments, Expression);
                _sql.Append(") OVER (");
                if (window.PartitionBy.Count > 0)
                {
                    _sql.Append("PARTITION BY ");
                    List(window.PartitionBy, Expression);
                }

                if (window.OrderBy.Count > 0)
                {
                    _sql.Append(window.PartitionBy.Count > 0 ? " ORDER BY " : "ORDER BY ");
                    OrderingList(window.OrderBy);
                }

                _sql.Append(')');
                break;
            case SqlInSubqueryExpression inSubquery:
                Operand(inSubquery.Operand);
                _sql.Append(" IN (");
                Select(inSubquery.Subquery);
                _sql.Append(')');
                break;
            case SqlExistsExpression exists:
                _sql.Append("EXISTS (");
                Select(exists.Subquery);
                _sql.Append(')');
                break;
            case SqlArraySubqueryExpression array:
                _sql.Append("ARRAY(");
                Select(array.Subquery);
                _sql.Append(')');
                break;
            case SqlScalarSubqueryExpression subquery:
                _sql.Append('(');
                Select(subquery.Subquery);
                _sql.Append(')');
                break;
            case SqlCaseExpression @case:
                _sql.Append("CASE");
                foreach (var when in @case.Whens)
                {
                    _sql.Append(" WHEN ");
                    Expression(when.Condition);
                    _sql.Append(" THEN ");
                    Expression(when.Result);
                }

                if (@case.Else is { } @else)
                {
                    _sql.Append(" ELSE ");
                    Expression(@else);
                }

                _sql.Append(" END");
                break;
            default:
                throw new NotSupportedException($"Cannot render expression {expression.GetType().Name}.");
        }
    }

    // $n: the number the node got where the text first referred to it.
    private void Parameter(SqlParameterExpression parameter)
    {
        if (_substitutes is not null && _substitutes.TryGetValue(parameter, out var substitute))
        {
            Expression(substitute);
            return;
        }

        Span<char> digits = stackalloc char[10];
        Number(parameter).TryFormat(digits, out var length, provider: CultureInfo.InvariantCulture);
        _sql.Append('$').Append(digits[..length]);
    }

    private int Number(SqlParameterExpression parameter)
    {
        if (!_numbered)
        {
            for (var i = 0; i < _parameters.Count; i++)
            {
                if (SameParameter.Instance.Equals(_parameters[i], parameter))
                {
                    return i + 1;
                }
            }

            _parameters.Add(parameter);
            if (_parameters.Count > LinearSearchLimit)
            {
                _numbers ??= new Dictionary<SqlParameterExpression, int>(SameParameter.Instance);
                for (var i = 0; i < _parameters.Count; i++)
                {
                    _numbers.Add(_parameters[i], i + 1);
                }

                _numbered = true;
            }

            return _parameters.Count;
        }

        if (_numbers!.TryGetValue(parameter, out var number))
        {
            return number;
        }

        _parameters.Add(parameter);
        _numbers.Add(parameter, _parameters.Count);
        return _parameters.Count;
    }

    // Hand-written SQL: the text as given, each hole a parameter or a nested fragment.
    private void Raw(SqlRawFragment raw)
    {
        for (var i = 0; i < raw.Holes.Count; i++)
        {
            _sql.Append(raw.Text[i]);
            switch (raw.Holes[i])
            {
                case SqlParameterExpression parameter:
                    Parameter(parameter);
                    break;
                case SqlRawFragment fragment:
                    Raw(fragment);
                    break;
                default:
                    throw new NotSupportedException($"Cannot render a raw fragment's hole {raw.Holes[i].GetType().Name}.");
            }
        }

        _sql.Append(raw.Text[^1]);
    }

    // Composite operands are parenthesised so the tree's shape, not operator precedence, decides grouping.
    private void Operand(SqlExpression operand)
    {
        // A negative literal is really unary minus: unparenthesised, "-" before it would write "--", a line comment.
        // A parameter cast to a type ($1::text[]) is as atomic as the parameter: "::" binds tighter than any operator.
        var atomic = operand is SqlColumnExpression or SqlParameterExpression or SqlCastExpression { Operand: SqlParameterExpression } or SqlFunctionExpression or SqlAggregateExpression or SqlWindowFunctionExpression or SqlRowValueExpression
            or SqlScalarSubqueryExpression or SqlArraySubqueryExpression or SqlExistsExpression or SqlCaseExpression
            || (operand is SqlLiteralExpression literal && !literal.Text.StartsWith('-'));
        if (atomic)
        {
            Expression(operand);
            return;
        }

        _sql.Append('(');
        Expression(operand);
        _sql.Append(')');
    }

    private static string OperatorText(SqlBinaryOperator op) => op switch
    {
        SqlBinaryOperator.Equal => "=",
        SqlBinaryOperator.NotEqual => "<>",
        SqlBinaryOperator.LessThan => "<",
        SqlBinaryOperator.LessThanOrEqual => "<=",
        SqlBinaryOperator.GreaterThan => ">",
        SqlBinaryOperator.GreaterThanOrEqual => ">=",
        SqlBinaryOperator.And => "AND",
        SqlBinaryOperator.Or => "OR",
        SqlBinaryOperator.Add => "+",
        SqlBinaryOperator.Subtract => "-",
        SqlBinaryOperator.Multiply => "*",
        SqlBinaryOperator.Divide => "/",
        SqlBinaryOperator.Modulo => "%",
        SqlBinaryOperator.Concat => "||",
        SqlBinaryOperator.IsDistinctFrom => "IS DISTINCT FROM",
        SqlBinaryOperator.IsNotDistinctFrom => "IS NOT DISTINCT FROM",
        SqlBinaryOperator.ArrayOverlap => "&&",
        SqlBinaryOperator.ContainsAll => "@>",
        SqlBinaryOperator.JsonGet => "->",
        SqlBinaryOperator.JsonGetText => "->>",
        SqlBinaryOperator.JsonHasKey => "?",
        SqlBinaryOperator.TextMatch => "@@",
        _ => throw new NotSupportedException($"Unknown operator {op}."),
    };

    private void List<T>(IReadOnlyList<T> items, Action<T> write)
    {
        for (var i = 0; i < items.Count; i++)
        {
            if (i > 0)
            {
                _sql.Append(", ");
            }

            write(items[i]);
        }
    }
}
