using Linq.Sql.Syntax;
using Npgsql;

namespace Linq.Writing;

/// <summary>
/// A LINQ filter compiled (through the query cache) to <c>key IN (SELECT key FROM … WHERE …)</c> over the row alias
/// <c>target</c>. Its parameters are numbered from zero, so it must be the first thing a statement binds.
/// </summary>
internal sealed record FilterPlan(SqlExpression Where, List<NpgsqlParameter> Parameters);
