using Npgsql;

namespace Linq;

/// <summary>Prepares an Npgsql data source built outside the client for use by it.</summary>
public static class LinqDataSourceBuilderExtensions
{
    /// <summary>
    /// Maps every <c>[DbEnum]</c> type of <typeparamref name="TDb"/> to its PostgreSQL enum type, with the labels the
    /// client uses (the C# member names as written), as the client does on a data source it builds itself. Call it on
    /// the builder of a data source passed to <see cref="LinqDatabaseOptions.UseDataSource"/> or
    /// <see cref="LinqDatabaseOptions.UseDataSourceFromServices"/>:
    /// <c>services.AddNpgsqlDataSource(url, b =&gt; b.MapLinqEnums&lt;BlogDb&gt;())</c>.
    /// </summary>
    public static NpgsqlDataSourceBuilder MapLinqEnums<TDb>(this NpgsqlDataSourceBuilder builder)
        where TDb : LinqDatabase, ILinqDatabaseFactory<TDb>
    {
        ArgumentNullException.ThrowIfNull(builder);
        foreach (var type in TDb.Model.Enums)
        {
            type.Register(builder);
        }

        return builder;
    }
}
