using System.Linq.Expressions;
using Linq.Contract;
using Linq.Querying.Model;
using Linq.Sql.Syntax;

namespace Linq.Querying.Expressions.Relations;

/// <summary>
/// Navigations in expressions: the row a to-one navigation denotes (joined on demand), a navigation compared with
/// null, and <c>u.Posts.Count</c> (the list's property) as a count of related rows.
/// </summary>
internal static class NavigationTranslator
{
    /// <summary>
    /// The row an expression denotes: a query source, or a to-one navigation from one (joined on demand).
    /// Null when the expression is not a row.
    /// </summary>
    public static SourceBinding? ResolveRow(TranslationContext context, Expression expression)
    {
        switch (expression)
        {
            case QuerySourceExpression reference:
                if (context.FindGroup(reference.Source) is not null || context.FindElement(reference.Source) is not null)
                {
                    return null;
                }

                return context.Find(reference.Source)
                    ?? throw new QueryTranslationException(reference, "its source is not in scope.");
            case MemberExpression { Expression: not null } member when context.Model.Find(member.Type) is not null:
                var owner = ResolveRow(context, member.Expression);
                if (owner is null)
                {
                    return null;
                }

                var relation = owner.Model.FindRelation(member.Member.Name)
                    ?? throw new QueryTranslationException(member, $"'{member.Member.Name}' is not a navigation of '{owner.Model.Name}'.");
                return relation.Kind == RelationKind.ToOne
                    ? owner.Scope.JoinToOne(owner, relation)
                    : throw new QueryTranslationException(member, "a collection navigation cannot be used as a row.", "Use Any, All or Count on it.");
            default:
                return null;
        }
    }

    /// <summary>A navigation compared with null: its key decides (<c>p.Author == null</c>, <c>u.Profile != null</c>); null when neither side is one.</summary>
    public static SqlValue? NullCheck(SqlExpressionTranslator translator, Expression left, Expression right, bool equal)
    {
        Expression? navigation = null;
        if (IsNullValue(translator, right) && IsRowType(translator, left))
        {
            navigation = left;
        }
        else if (IsNullValue(translator, left) && IsRowType(translator, right))
        {
            navigation = right;
        }

        if (navigation is null)
        {
            return null;
        }

        if (navigation is MemberExpression { Expression: not null } member && translator.ResolveRow(member.Expression) is { } owner
            && owner.Model.FindRelation(member.Member.Name) is { Kind: RelationKind.ToOne, IsOwner: true } relation && !owner.Optional)
        {
            // The foreign key is on this row: no join needed.
            var column = owner.Model.GetColumn(relation.ForeignKeyProperties[0]);
            return new SqlValue(new SqlIsNullExpression(new SqlColumnExpression(owner.Alias, column.ColumnName), Negated: !equal), false);
        }

        var row = translator.ResolveRow(navigation) ?? throw new QueryTranslationException(navigation, "it is not a row of this query.");
        var key = row.Model.PrimaryKey.Columns[0];
        return new SqlValue(new SqlIsNullExpression(new SqlColumnExpression(row.Alias, key.ColumnName), Negated: !equal), false);
    }

    /// <summary><c>u.Posts.Count</c> (the list's property) is a count of related rows.</summary>
    public static SqlValue? CollectionCount(SqlExpressionTranslator translator, MemberExpression member)
    {
        if (member.Member.Name != "Count" || member.Expression is not MemberExpression { Expression: not null } navigation)
        {
            return null;
        }

        if (translator.ResolveRow(navigation.Expression) is not { } owner || owner.Model.FindRelation(navigation.Member.Name) is not { Kind: RelationKind.ToMany } relation)
        {
            return null;
        }

        var target = relation.Target;
        var alias = translator.Context.NextAlias();
        var select = new SqlSelectStatement
        {
            Items = [new SqlSelectItem(new SqlCastExpression(new SqlFunctionExpression("count", SqlStarExpression.Instance), "integer"))],
            From = new SqlTableReference(target.TableName, alias),
            Where = QueryScope.KeyCondition(owner, alias, relation),
        };
        return new SqlValue(new SqlScalarSubqueryExpression(select), false);
    }

    private static bool IsNullValue(SqlExpressionTranslator translator, Expression expression) =>
        SqlExpressionTranslator.IsValue(expression) && translator.PeekValue(expression) is null;

    private static bool IsRowType(SqlExpressionTranslator translator, Expression expression) => translator.Context.Model.Find(expression.Type) is not null;
}
