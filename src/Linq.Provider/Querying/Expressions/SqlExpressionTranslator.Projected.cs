using System.Linq.Expressions;
using Linq.Sql.Syntax;

namespace Linq.Querying.Expressions;

internal sealed partial class SqlExpressionTranslator
{
    private static SqlValue DerivedColumn(DerivedColumnExpression column) =>
        new(new SqlColumnExpression(column.Alias, column.Column), column.MayBeNull, column.Metadata);

    /// <summary>
    /// A member of an object the query built (<c>new { … }.Name</c>, <c>new Dto { … }.Name</c>), as a query over a
    /// projection reads it once the projection stands for its rows: the expression the member was built from.
    /// </summary>
    public static Expression? ProjectedMember(MemberExpression member)
    {
        var name = member.Member.Name;
        switch (member.Expression)
        {
            case NewExpression { Members: { } members } @new:
                for (var i = 0; i < members.Count; i++)
                {
                    // Anonymous types list their properties (or, from some compilers, the properties' getters).
                    if (members[i].Name == name || members[i].Name == "get_" + name)
                    {
                        return @new.Arguments[i];
                    }
                }

                return null;
            case MemberInitExpression init:
                return init.Bindings.OfType<MemberAssignment>().FirstOrDefault(b => b.Member.Name == name)?.Expression;
            default:
                return null;
        }
    }
}
