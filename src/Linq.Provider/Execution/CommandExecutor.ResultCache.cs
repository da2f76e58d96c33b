using Linq.Execution.ResultCaching;

namespace Linq.Execution;

internal sealed partial class CommandExecutor
{
    /// <summary>
    /// After a write through the client: invalidates the cached results that read the tables it wrote (read from its
    /// statement text), at once outside a transaction (the statement has committed), or after COMMIT inside one (the
    /// binding collects them). An ExecuteRaw statement's tables are unknown: it invalidates the whole database's entries.
    /// Costs one null check when no result cache is configured.
    /// </summary>
    private ValueTask WrittenAsync(OperationInfo operation, string sql)
    {
        if (_root.ResultCache is not { } cache || !IsWrite(operation.Operation))
        {
            return default;
        }

        var tags = new HashSet<string>(StringComparer.Ordinal);
        if (operation.Operation == LinqOperation.ExecuteRaw)
        {
            tags.Add(CacheTags.Database(cache.Database));
        }
        else
        {
            var tables = new HashSet<string>(StringComparer.Ordinal);
            CacheTags.Writes(sql, tables);
            foreach (var table in tables)
            {
                tags.Add(CacheTags.Tag(cache.Database, table));
            }
        }

        if (Binding is null)
        {
            return cache.InvalidateAsync(tags);
        }

        Binding.NoteCacheTags(tags);
        return default;
    }

    private bool CachesResults => _root.ResultCache is not null;

    private static bool IsWrite(LinqOperation operation) => operation is LinqOperation.Create or LinqOperation.CreateMany or LinqOperation.Update
        or LinqOperation.UpdateMany or LinqOperation.Upsert or LinqOperation.Delete or LinqOperation.DeleteMany or LinqOperation.ExecuteRaw;
}
