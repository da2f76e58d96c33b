using System.Globalization;
using System.Text;
using Linq.Sql.Syntax;

namespace Linq.Sql.Rendering;

/// <summary>
/// Renders syntax trees to PostgreSQL text. Identifiers are always quoted; values only ever appear as
/// positional parameters <c>$n</c>. Nested operators are parenthesised, so precedence never depends on
/// PostgreSQL's operator table.
/// </summary>
public sealed class PostgresRenderer
{
    private readonly StringBuilder _sql = new();
    private int _maxParameter = -1;

    private PostgresRenderer() { }

    /// <summary>Renders a statement.</summary>
    public static RenderedSql Render(SqlStatement statement)
    {
        ArgumentNullException.ThrowIfNull(statement);
        var renderer = new PostgresRenderer();
        renderer.Statement(statement);
        return new RenderedSql(renderer._sql.ToString(), renderer._maxParameter + 1);
    }

    /// <summary>Renders a lone expression (used by tests and diagnostics).</summary>
    public static RenderedSql Render(SqlExpression expression)
    {
        ArgumentNullException.ThrowIfNull(expression);
        var renderer = new PostgresRenderer();
        renderer.Expression(expression);
        return new RenderedSql(renderer._sql.ToString(), renderer._maxParameter + 1);
    }

    private void Statement(SqlStatement statement)
    {
        switch (statement)
        {
            case SelectStatement select:
                Select(select);
                break;
            case InsertStatement insert:
                Insert(insert);
                break;
            case WithStatement with:
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
            case UpdateStatement update:
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
            case DeleteStatement delete:
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

    private void Select(SelectStatement select)
    {
        _sql.Append(select.Distinct ? "SELECT DISTINCT " : "SELECT ");
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
                JoinKind.Inner => " INNER JOIN ",
                JoinKind.Left => " LEFT JOIN ",
                _ => " LEFT JOIN LATERAL ",
            });
            Table(join.Table);
            _sql.Append(" ON ");
            Expression(join.On);
        }

        if (select.Where is { } where)
        {
            _sql.Append(" WHERE ");
            Expression(where);
        }

        if (select.GroupBy.Count > 0)
        {
            _sql.Append(" GROUP BY ");
            List(select.GroupBy, Expression);
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

    private void Insert(InsertStatement insert)
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

    private void OrderingList(IReadOnlyList<Ordering> orderings) => List(orderings, o =>
    {
        Expression(o.Expression);
        if (o.Descending)
        {
            _sql.Append(" DESC");
        }
    });

    private void Assignments(IReadOnlyList<Assignment> assignments)
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

    private void Returning(IReadOnlyList<SelectItem> items)
    {
        if (items.Count > 0)
        {
            _sql.Append(" RETURNING ");
            SelectItems(items);
        }
    }

    private void SelectItems(IReadOnlyList<SelectItem> items)
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

    private void Table(TableSource source)
    {
        switch (source)
        {
            case TableReference table:
                QualifiedName(table);
                if (table.Alias is { } alias)
                {
                    _sql.Append(" AS ");
                    Identifier.Append(_sql, alias);
                }

                break;
            case FunctionTable function:
                Expression(function.Function);
                _sql.Append(" AS ");
                Identifier.Append(_sql, function.Alias);
                ColumnAliases(function.ColumnAliases);
                break;
            case ValuesTable values:
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
            case DerivedTable derived:
                _sql.Append('(');
                Select(derived.Query);
                _sql.Append(") AS ");
                Identifier.Append(_sql, derived.Alias);
                break;
            default:
                throw new NotSupportedException($"Cannot render table source {source.GetType().Name}.");
        }
    }

    private void QualifiedName(TableReference table)
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
            case ColumnExpression column:
                if (column.TableAlias is { } alias)
                {
                    Identifier.Append(_sql, alias);
                    _sql.Append('.');
                }

                Identifier.Append(_sql, column.Column);
                break;
            case ParameterExpression parameter:
                if (parameter.Index < 0)
                {
                    throw new InvalidOperationException("A parameter index cannot be negative.");
                }

                _maxParameter = Math.Max(_maxParameter, parameter.Index);
                _sql.Append('$').Append((parameter.Index + 1).ToString(CultureInfo.InvariantCulture));
                if (parameter.TypeName is { } typeName)
                {
                    _sql.Append("::").Append(typeName);
                }

                break;
            case LiteralExpression literal:
                _sql.Append(literal.Text);
                break;
            case StarExpression:
                _sql.Append('*');
                break;
            case DefaultExpression:
                _sql.Append("DEFAULT");
                break;
            case BinaryExpression binary:
                Operand(binary.Left);
                _sql.Append(' ').Append(OperatorText(binary.Operator)).Append(' ');
                Operand(binary.Right);
                break;
            case UnaryExpression unary:
                _sql.Append(unary.Operator == UnaryOperator.Not ? "NOT " : "-");
                Operand(unary.Operand);
                break;
            case IsNullExpression isNull:
                Operand(isNull.Operand);
                _sql.Append(isNull.Negated ? " IS NOT NULL" : " IS NULL");
                break;
            case LikeExpression like:
                Operand(like.Operand);
                _sql.Append(like.CaseInsensitive ? " ILIKE " : " LIKE ");
                Operand(like.Pattern);
                _sql.Append(@" ESCAPE '\'");
                break;
            case CastExpression cast:
                Operand(cast.Operand);
                _sql.Append("::").Append(cast.TypeName);
                break;
            case AnyExpression any:
                Operand(any.Operand);
                _sql.Append(" = ANY(");
                Expression(any.Array);
                _sql.Append(')');
                break;
            case FunctionExpression function:
                _sql.Append(function.Name).Append('(');
                List(function.Arguments, Expression);
                _sql.Append(')');
                break;
            case RowValueExpression row:
                if (row.Items.Count < 2)
                {
                    throw new InvalidOperationException("A row value needs at least two items.");
                }

                _sql.Append("ROW(");
                List(row.Items, Expression);
                _sql.Append(')');
                break;
            case AggregateExpression aggregate:
                _sql.Append(aggregate.Name).Append('(');
                List(aggregate.Arguments, Expression);
                if (aggregate.OrderBy.Count > 0)
                {
                    _sql.Append(" ORDER BY ");
                    OrderingList(aggregate.OrderBy);
                }

                _sql.Append(')');
                break;
            case WindowFunctionExpression window:
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
            case InSubqueryExpression inSubquery:
                Operand(inSubquery.Operand);
                _sql.Append(" IN (");
                Select(inSubquery.Subquery);
                _sql.Append(')');
                break;
            case ExistsExpression exists:
                _sql.Append("EXISTS (");
                Select(exists.Subquery);
                _sql.Append(')');
                break;
            case ScalarSubqueryExpression subquery:
                _sql.Append('(');
                Select(subquery.Subquery);
                _sql.Append(')');
                break;
            case CaseExpression @case:
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

    // Composite operands are parenthesised so the tree's shape, not operator precedence, decides grouping.
    private void Operand(SqlExpression operand)
    {
        // A negative literal is really unary minus: unparenthesised, "-" before it would write "--", a line comment.
        var atomic = operand is ColumnExpression or ParameterExpression or FunctionExpression or AggregateExpression or WindowFunctionExpression or RowValueExpression
            or ScalarSubqueryExpression or ExistsExpression or CaseExpression
            || (operand is LiteralExpression literal && !literal.Text.StartsWith('-'));
        if (atomic)
        {
            Expression(operand);
            return;
        }

        _sql.Append('(');
        Expression(operand);
        _sql.Append(')');
    }

    private static string OperatorText(BinaryOperator op) => op switch
    {
        BinaryOperator.Equal => "=",
        BinaryOperator.NotEqual => "<>",
        BinaryOperator.LessThan => "<",
        BinaryOperator.LessThanOrEqual => "<=",
        BinaryOperator.GreaterThan => ">",
        BinaryOperator.GreaterThanOrEqual => ">=",
        BinaryOperator.And => "AND",
        BinaryOperator.Or => "OR",
        BinaryOperator.Add => "+",
        BinaryOperator.Subtract => "-",
        BinaryOperator.Multiply => "*",
        BinaryOperator.Divide => "/",
        BinaryOperator.Modulo => "%",
        BinaryOperator.Concat => "||",
        BinaryOperator.IsDistinctFrom => "IS DISTINCT FROM",
        BinaryOperator.IsNotDistinctFrom => "IS NOT DISTINCT FROM",
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
