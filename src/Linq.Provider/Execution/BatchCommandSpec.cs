using Npgsql;

namespace Linq.Execution;

/// <summary>A batch item with its result type erased: the statement, and a reader that stores the typed result.</summary>
internal sealed record BatchCommandSpec(LinqDatabase Database, string Sql, NpgsqlParameter[] Parameters, Func<NpgsqlDataReader, CancellationToken, ValueTask> Read);
