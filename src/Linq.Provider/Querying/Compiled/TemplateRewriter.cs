using System.Linq.Expressions;

namespace Linq.Querying.Compiled;

/// <summary>
/// Turns a compiled query's body into the tree an inline query would have: <c>db.Users</c> outside any lambda becomes
/// the table's own root (as C# evaluates it before building the tree), the database parameter inside a lambda a captured
/// value (as a closure over <c>db</c> would be), and each argument its replacement (a slot, or the value itself).
/// </summary>
internal sealed class TemplateRewriter(ParameterExpression database, Func<MemberExpression, Expression> table, Expression captured,
    IReadOnlyList<ParameterExpression> arguments, IReadOnlyList<Expression> replacements) : ExpressionVisitor
{
    private int _lambdas;

    protected override Expression VisitLambda<T>(Expression<T> node)
    {
        _lambdas++;
        var visited = base.VisitLambda(node);
        _lambdas--;
        return visited;
    }

    protected override Expression VisitMember(MemberExpression node) =>
        _lambdas == 0 && node.Expression == database ? table(node) : base.VisitMember(node);

    protected override Expression VisitParameter(ParameterExpression node)
    {
        if (node == database)
        {
            return captured;
        }

        for (var i = 0; i < arguments.Count; i++)
        {
            if (arguments[i] == node)
            {
                return replacements[i];
            }
        }

        return node;
    }
}
