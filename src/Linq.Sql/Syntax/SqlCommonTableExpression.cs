namespace Linq.Sql.Syntax;

/// <summary>One <c>"name" AS (statement)</c> of a <see cref="SqlWithStatement"/>.</summary>
/// <param name="Name">The name later parts of the statement read it by.</param>
/// <param name="Statement">A SELECT, or an INSERT/UPDATE/DELETE with RETURNING.</param>
internal sealed record SqlCommonTableExpression(string Name, SqlStatement Statement) : SqlNode;
