using Npgsql;

namespace Linq.RawSql;

/// <summary>A statement ready for the executor: text with <c>$n</c> markers and one parameter per marker, in order.</summary>
internal readonly record struct RawStatement(string Sql, NpgsqlParameter[] Parameters);
