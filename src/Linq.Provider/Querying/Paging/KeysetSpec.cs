using System.Linq.Expressions;

namespace Linq.Querying.Paging;

/// <summary>
/// Keyset paging asked of a query: either an explicit cursor (key selector and the values to start after) or a
/// page (size and token). Pulled out of the tree with the other query options.
/// </summary>
internal sealed record KeysetSpec(LambdaExpression? Key, Expression? After, Expression? Take, Expression? Token);
