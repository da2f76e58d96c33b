namespace Linq.Sql.Syntax;

/// <summary><c>ON CONFLICT ("a", "b") DO UPDATE SET …</c>: the upsert of one unique key.</summary>
internal sealed record SqlOnConflictUpdate(IReadOnlyList<string> Columns, IReadOnlyList<SqlAssignment> Set, SqlExpression? Where = null) : SqlNode;
