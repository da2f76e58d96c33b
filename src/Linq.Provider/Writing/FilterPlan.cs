using Linq.Sql.Syntax;

namespace Linq.Writing;

/// <summary>
/// A LINQ filter compiled (through the query cache) to <c>key IN (SELECT key FROM … WHERE …)</c> over the row alias
/// <c>target</c>. Its parameters are the cached plan's placeholders: a statement that contains the filter is bound
/// with <see cref="Values"/>, this execution's values (one filter per statement).
/// </summary>
internal sealed record FilterPlan(SqlExpression Where, object?[] Values);
