using Npgsql;

namespace Linq.Contract;

public sealed partial class SqlResultColumns
{
    /// <summary>
    /// The messages of raw-result mapping errors. They name the column, its server type and the .NET member and
    /// type, never a value. Nested here, in the contract, because the generated readers' column matching raises
    /// them and the contract uses nothing above it; RawSql's scalar reader raises <see cref="Read"/> and
    /// <see cref="Mismatch"/> too.
    /// </summary>
    internal static class Errors
    {
        /// <summary>Why reading a column failed: NULL for a non-nullable type, a value too large, or a type Npgsql cannot read it as.</summary>
        public static InvalidCastException Read(NpgsqlDataReader reader, int ordinal, string column, string target, string typeName, Exception error) =>
            reader.IsDBNull(ordinal) ? Null(column, target, typeName, error)
            : error is OverflowException ? Overflow(column, reader.GetDataTypeName(ordinal), target, typeName, error)
            : Mismatch(column, reader.GetDataTypeName(ordinal), target, typeName, error);

        public static InvalidCastException Mismatch(string column, string serverType, string target, string typeName, Exception? inner = null) =>
            new($"Column '{column}' of the raw query has the server type '{serverType}', which cannot be read as {typeName} ({target}). "
                + "Change the member's type or cast the column in the SELECT.", inner);

        public static InvalidCastException Overflow(string column, string serverType, string target, string typeName, Exception inner) =>
            new($"A value of column '{column}' of the raw query (server type '{serverType}') does not fit {typeName} ({target}). "
                + "Use a wider type for the member.", inner);

        public static InvalidCastException Null(string column, string target, string typeName, Exception? inner = null) =>
            new($"Column '{column}' of the raw query is NULL in a row, but {target} has the non-nullable type {typeName}. "
                + "Make the member nullable or exclude NULLs in the query (WHERE … IS NOT NULL, coalesce(…)).", inner);

        public static InvalidOperationException Missing(string typeName, SqlResultMember member, IReadOnlyList<string> columns) =>
            new($"The raw query returns no column for {typeName}.{member.Name} ({member.TypeName}): expected a column named '{member.Column}' "
                + $"(matched exactly, then ignoring case and underscores). Its columns are: {List(columns)}.");

        public static InvalidOperationException Ambiguous(string typeName, SqlResultMember member, IEnumerable<string> matches) =>
            new($"Several columns of the raw query match {typeName}.{member.Name}: {List(matches)}. Give them distinct names with AS.");

        private static string List(IEnumerable<string> names)
        {
            var list = string.Join(", ", names.Select(n => "'" + n + "'"));
            return list.Length == 0 ? "(none)" : list;
        }
    }
}
