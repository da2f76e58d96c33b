using System.Linq.Expressions;
using System.Text;
using Linq.Querying.Expressions;
using Linq.Querying.Model;
using Linq.Querying.Shaping;
using Linq.Sql.Syntax;

namespace Linq.Querying.Operators;

/// <summary>
/// What one side of a set operation selects: a whole row (its model's columns, in model order), or the scalar values
/// of a projection (anonymous types, object initializers and constructors over scalars), in selector order. Both sides
/// must have the same <see cref="Layout"/>, so that their select lists line up column by column.
/// </summary>
internal sealed class SetOperand
{
    private SetOperand(SourceBinding? row, List<(SqlValue Value, Type Type)> values, string layout, Expression selector)
    {
        Row = row;
        Values = values;
        Layout = layout;
        Selector = selector;
    }

    /// <summary>The row selected whole, or null for a projection.</summary>
    public SourceBinding? Row { get; }

    /// <summary>A projection's scalar values in selector order.</summary>
    public List<(SqlValue Value, Type Type)> Values { get; }

    /// <summary>The selector's structure (row model, or the members and types of the projection), compared between the sides.</summary>
    public string Layout { get; }

    public Expression Selector { get; }

    public static SetOperand Of(OperatorState state, Expression selector, SetOperation operation)
    {
        if (state.Context.Model.Find(selector.Type) is { } model && state.Expressions.ResolveRow(selector) is { } row)
        {
            return new SetOperand(row, [], "row " + model.Name, selector);
        }

        var values = new List<(SqlValue, Type)>();
        var layout = new StringBuilder();
        new Leaves(state, operation, (node, value) =>
        {
            values.Add((value, node.Type));
            return node;
        }, layout).Visit(selector);
        return new SetOperand(null, values, layout.ToString(), selector);
    }

    /// <summary>The select list of this side: the row's columns, or the values under column names c0, c1, …</summary>
    public List<SqlSelectItem> Items() => Row is { } row
        ? [.. row.Model.Columns.Select(c => new SqlSelectItem(new SqlColumnExpression(row.Alias, c.ColumnName)))]
        : [.. Values.Select((v, i) => new SqlSelectItem(v.Value.Sql, ColumnName(i)))];

    public static string ColumnName(int index) => "c" + index;

    /// <summary>The selector with each value replaced by <paramref name="replace"/>(index, value node), in the order of <see cref="Values"/>.</summary>
    public Expression Rebuild(OperatorState state, SetOperation operation, Func<int, Expression, Expression> replace)
    {
        var index = 0;
        return new Leaves(state, operation, (node, _) => replace(index++, node), new StringBuilder()).Visit(Selector)!;
    }

    // Walks a projection in a fixed order: scalars that translate are values; object construction is structure.
    private sealed class Leaves(OperatorState state, SetOperation operation, Func<Expression, SqlValue, Expression> leaf, StringBuilder layout) : ExpressionVisitor
    {
        public override Expression? Visit(Expression? node)
        {
            if (node is null)
            {
                return null;
            }

            if (state.Context.Model.Find(node.Type) is not null)
            {
                throw new QueryTranslationException(node, "a set operator over projections that hold whole rows is not supported.",
                    "Combine the rows themselves (db.Users.Where(…).Union(db.Users.Where(…))), or project their columns.");
            }

            if (ProjectionBuilder.IsScalar(node.Type) && state.Expressions.TryTranslate(node, out var value))
            {
                var type = Nullable.GetUnderlyingType(node.Type) ?? node.Type;
                if (type.IsArray && operation != SetOperation.Concat)
                {
                    // .NET compares arrays by reference, SQL by value: the distinct rows would differ.
                    throw new QueryTranslationException(node, $"{operation} compares elements, and an array in a projection is compared by reference in .NET but by value in SQL.",
                        "Use Concat, or leave the array out of the combined projection.");
                }

                // A C# bool is never null: a comparison SQL leaves NULL reads as false (as the projection reads it).
                if (node.Type == typeof(bool) && value!.MayBeNull)
                {
                    value = new SqlValue(new SqlFunctionExpression("COALESCE", value.Sql, SqlLiteralExpression.False), false);
                }

                layout.Append('[').Append(node.Type.FullName).Append(']');
                return leaf(node, value!);
            }

            switch (node)
            {
                case NewExpression @new:
                    layout.Append("new ").Append(@new.Type.FullName).Append('(');
                    if (@new.Members is { } members)
                    {
                        layout.AppendJoin(',', members.Select(m => m.Name));
                    }

                    layout.Append(')');
                    return @new.Update(@new.Arguments.Select(a => Visit(a)!));
                case MemberInitExpression init:
                    layout.Append("init ");
                    var created = (NewExpression)Visit(init.NewExpression)!;
                    var bindings = init.Bindings.Select(b => b is MemberAssignment assignment
                        ? (MemberBinding)assignment.Update(VisitAssigned(assignment))
                        : throw Unsupported(init)).ToList();
                    return init.Update(created, bindings);
                default:
                    throw Unsupported(node);
            }
        }

        private Expression VisitAssigned(MemberAssignment assignment)
        {
            layout.Append(assignment.Member.Name).Append('=');
            return Visit(assignment.Expression)!;
        }

        private static QueryTranslationException Unsupported(Expression node) =>
            new(node, "a set operator combines rows or projections of scalar values (anonymous types, object initializers); this part of the projection cannot be combined in SQL.",
                "Project scalar columns on both sides, or combine the rows themselves and project after the set operator.");
    }
}
