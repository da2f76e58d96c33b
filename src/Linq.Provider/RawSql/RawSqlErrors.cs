namespace Linq.RawSql;

/// <summary>
/// The messages of raw-result errors only RawSql's own readers raise. The column mapping errors (NULL, overflow,
/// type mismatch, missing or ambiguous column) are <c>SqlResultColumns.Errors</c> in the contract, which the
/// generated readers' column matching raises too.
/// </summary>
internal static class RawSqlErrors
{
    public static InvalidOperationException DuplicateColumn(string column) =>
        new($"The raw query returns more than one column named '{column}', which a dictionary row cannot hold. Give them distinct names with AS.");

    public static InvalidOperationException NoColumns(string target) =>
        new($"The raw query returns no columns, so there is nothing to read as {target}.");
}
