using System.Linq.Expressions;
using Linq.Querying.Model;
using Linq.Sql.Syntax;

namespace Linq.Querying.Expressions.Joins;

/// <summary>
/// The condition of a join (<see cref="JoinKeyExpression"/>) with LINQ-to-Objects' semantics: a scalar key is
/// compared with <c>=</c>, so a NULL key matches nothing, as Enumerable.Join skips null keys; a composite key
/// (<c>new { a.X, a.Y } equals new { b.X, b.Y }</c>) compares member by member as the anonymous type's Equals does,
/// where null equals null (<c>IS NOT DISTINCT FROM</c> when both members may be NULL).
/// </summary>
internal static class JoinKeyTranslator
{
    public static SqlValue Translate(SqlExpressionTranslator translator, JoinKeyExpression key)
    {
        if (Parts(key.Outer) is { } outerParts && Parts(key.Inner) is { } innerParts)
        {
            if (outerParts.Count != innerParts.Count || outerParts.Count == 0)
            {
                throw new QueryTranslationException(key, "the two composite join keys have different members.");
            }

            SqlExpression? all = null;
            var mayBeNull = false;
            for (var i = 0; i < outerParts.Count; i++)
            {
                var part = translator.Equality(outerParts[i], innerParts[i], equal: true, key);
                mayBeNull |= part.MayBeNull;
                all = all is null ? part.Sql : new SqlBinaryExpression(SqlBinaryOperator.And, all, part.Sql);
            }

            return new SqlValue(all!, mayBeNull);
        }

        if (translator.Context.Model.Find(key.Outer.Type) is not null || translator.Context.Model.Find(key.Inner.Type) is not null)
        {
            throw new QueryTranslationException(key, "rows cannot be join keys.", "Join on their key properties (e.g. on a.AuthorId equals u.Id).");
        }

        var (left, right) = translator.Operands(key.Outer, key.Inner);
        if (left.Sql == SqlLiteralExpression.Null || right.Sql == SqlLiteralExpression.Null)
        {
            return new SqlValue(SqlLiteralExpression.False, false);
        }

        return new SqlValue(new SqlBinaryExpression(SqlBinaryOperator.Equal, left.Sql, right.Sql), left.MayBeNull || right.MayBeNull);
    }

    // The members of an anonymous-type key, or null for a scalar key. Only anonymous types: the compiler gives their
    // construction its members, and their Equals is member-wise; another class's Equals may be anything.
    private static IReadOnlyList<Expression>? Parts(Expression key) => key is NewExpression { Members: not null } @new ? @new.Arguments : null;
}
