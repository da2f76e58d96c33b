using Linq.Contract;

namespace Linq.Execution;

/// <summary>
/// Recognises Npgsql's cast error for a <c>[DbEnum]</c> type its data source does not know: a data source built
/// outside the client (<see cref="LinqDatabaseOptions.UseDataSource"/>) whose builder did not map the model's enums.
/// </summary>
internal static class EnumMappings
{
    public static InvalidOperationException? Missing(InvalidCastException error, DatabaseModel model)
    {
        foreach (var type in model.Enums)
        {
            if (error.Message.Contains("'" + type.ClrType.FullName + "'", StringComparison.Ordinal))
            {
                return new InvalidOperationException(
                    $"The data source does not know the enum type {type.ClrType.Name} (PostgreSQL type \"{type.StoreName}\"): it was built outside the client "
                    + "without the model's enum mappings. Map them on its builder with builder.MapLinqEnums<TDb>() (for example "
                    + "services.AddNpgsqlDataSource(url, b => b.MapLinqEnums<TDb>())), or let the client build its own data source with options.UseNpgsql(url).",
                    error);
            }
        }

        return null;
    }
}
