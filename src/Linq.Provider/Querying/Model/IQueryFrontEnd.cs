using System.Linq.Expressions;

namespace Linq.Querying.Model;

/// <summary>
/// Reads a LINQ expression into a <see cref="QueryModel"/>: the one door between the operator chain as C# built it
/// and the translators. Runs on a plan-cache miss only, over a tree whose values are already placeholders.
/// Implementations are thread-safe. An expression the front end cannot read throws <see cref="NotSupportedException"/>
/// (or <see cref="QueryTranslationException"/>).
/// </summary>
internal interface IQueryFrontEnd
{
    /// <summary>
    /// The query model of <paramref name="expression"/>: a query operator chain over a table, or over a collection of a
    /// row that a <see cref="QuerySourceExpression"/> in the tree stands for (a filtered include's
    /// <c>[u].Posts.Where(…)</c>); such references, like value placeholders, arrive in the model as they are.
    /// </summary>
    QueryModel Parse(Expression expression);
}
