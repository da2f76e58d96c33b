using Linq.Contract;
using Linq.Hosting;
using Npgsql;

namespace Linq.Routing;

/// <summary>
/// Builds a read replica's <see cref="NpgsqlDataSource"/> as the client builds the primary's: the same pool wait, the
/// model's enum types, the host's logger factory, and the options' <see cref="LinqDatabaseOptions.ConfigureDataSource"/>, so a replica reads every
/// column the primary does.
/// </summary>
internal static class ReplicaDataSource
{
    public static NpgsqlDataSource Build(string connectionString, LinqDatabaseOptions options, DatabaseModel model)
    {
        var keywords = ConnectionStringParser.ToKeywordForm(connectionString);
        var builder = new NpgsqlDataSourceBuilder(keywords);
        PoolTimeouts.Apply(builder.ConnectionStringBuilder, keywords, options);
        return DataSourceSettings.Build(builder, options, model);
    }
}
