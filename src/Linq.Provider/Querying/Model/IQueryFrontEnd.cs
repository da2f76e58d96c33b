using System.Linq.Expressions;

namespace Linq.Querying.Model;

/// <summary>
/// Reads a LINQ expression into a <see cref="QueryModel"/>: the one door between the operator chain as C# built it
/// and the translators. Runs on a plan-cache miss only, over a tree whose values are already placeholders.
/// Implementations are thread-safe.
/// </summary>
internal interface IQueryFrontEnd
{
    /// <summary>
    /// The query model of <paramref name="prepared"/>: a query operator chain over a table, or over a collection of a
    /// row that a <see cref="QuerySourceExpression"/> in the tree stands for (a filtered include's
    /// <c>[u].Posts.Where(…)</c>); such references, like value placeholders, arrive in the model as they are. What
    /// cannot be read throws <see cref="QueryTranslationException"/> naming <paramref name="original"/>, the tree as the
    /// user wrote it.
    /// </summary>
    QueryModel Parse(Expression prepared, Expression original);
}
