using Linq.Contract;
using Linq.Hosting;
using Npgsql;

namespace Linq.Routing;

/// <summary>
/// What every data source a client builds gets, the primary's and each read replica's alike, so that a replica reads
/// every column the primary does: automatic preparation when <see cref="LinqDatabaseOptions.PrepareStatements"/> is on, the model's enum types, the host's logger factory for Npgsql's own logs, and the
/// options' <see cref="LinqDatabaseOptions.ConfigureDataSource"/> last (the user's word wins).
/// </summary>
internal static class DataSourceSettings
{
    public static NpgsqlDataSource Build(NpgsqlDataSourceBuilder builder, LinqDatabaseOptions options, DatabaseModel model)
    {
        PreparedStatementSettings.Apply(builder.ConnectionStringBuilder, options);
        foreach (var type in model.Enums)
        {
            type.Register(builder);
        }

        // Npgsql's own logs (connection opening, pool and protocol errors) go to the host's loggers too.
        if (options.LoggerFactory is { } loggerFactory)
        {
            builder.UseLoggerFactory(loggerFactory);
            if (options.LogParameterValues)
            {
                builder.EnableParameterLogging();
            }
        }

        options.ConfigureDataSource?.Invoke(builder);
        return builder.Build();
    }
}
