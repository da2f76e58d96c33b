using Npgsql;

namespace Linq.Provider.Tests.RawSql;

using Linq.RawSql;

/// <summary>What an interpolated statement turns into, without running it (internal API of the handler).</summary>
internal static class RawSqlText
{
    public static (string Sql, NpgsqlParameter[] Parameters) Render(SqlInterpolatedStringHandler sql)
    {
        var statement = sql.ToStatement();
        return (statement.Sql, statement.Parameters);
    }
}
