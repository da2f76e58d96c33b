using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Linq;

/// <summary>Registers a generated database client in a service collection.</summary>
public static class LinqServiceCollectionExtensions
{
    /// <summary>
    /// Registers <typeparamref name="TDb"/> as a singleton (it owns the connection pool and is thread-safe).
    /// Options are named after the database type, so several databases can live side by side; the host's
    /// <see cref="ILoggerFactory"/> is used unless the options set one (also for Npgsql's own logs when the client builds
    /// the data source), and the container's <see cref="HybridCache"/> as the result cache unless the options set one. <see cref="LinqDatabaseOptions.UseDataSourceFromServices"/> takes the <see cref="NpgsqlDataSource"/>
    /// registered in the container (e.g. by <c>AddNpgsqlDataSource</c>) instead of building one.
    /// </summary>
    /// <example><code>builder.Services.AddLinqDatabase&lt;BlogDb&gt;(o =&gt; o.UseNpgsql(builder.Configuration["DATABASE_URL"]!));</code></example>
    public static IServiceCollection AddLinqDatabase<TDb>(this IServiceCollection services, Action<LinqDatabaseOptions> configure)
        where TDb : LinqDatabase, ILinqDatabaseFactory<TDb>
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        return services.AddLinqDatabase<TDb>((_, options) => configure(options));
    }

    /// <summary>Registers <typeparamref name="TDb"/> as a singleton, configuring options with access to other services.</summary>
    public static IServiceCollection AddLinqDatabase<TDb>(this IServiceCollection services, Action<IServiceProvider, LinqDatabaseOptions> configure)
        where TDb : LinqDatabase, ILinqDatabaseFactory<TDb>
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        var name = typeof(TDb).FullName!;
        services.AddOptions();
        services.AddLinqResultCacheSerializer();
        services.AddSingleton<IConfigureOptions<LinqDatabaseOptions>>(sp =>
            new ConfigureNamedOptions<LinqDatabaseOptions>(name, options => configure(sp, options)));
        services.TryAddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptionsMonitor<LinqDatabaseOptions>>().Get(name);
            options.LoggerFactory ??= sp.GetService<ILoggerFactory>();
            options.ResultCache ??= sp.GetService<HybridCache>();
            if (options.DataSourceFromServices && options.DataSource is null)
            {
                // The container owns this data source and disposes it; the client leaves it open.
                options.DataSource = options.DataSourceServiceKey is { } key
                    ? sp.GetRequiredKeyedService<NpgsqlDataSource>(key)
                    : sp.GetRequiredService<NpgsqlDataSource>();
            }

            return TDb.Create(options);
        });
        return services;
    }

    /// <summary>
    /// Registers the HybridCache serializer of the result cache's in-memory entries (AddLinqDatabase does it). Call it
    /// on the container that builds the <see cref="HybridCache"/> you pass to <see cref="LinqDatabaseOptions.UseResultCache"/>
    /// outside AddLinqDatabase: without it HybridCache sizes those entries with its reflection-based JSON serializer.
    /// </summary>
    public static IServiceCollection AddLinqResultCacheSerializer(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHybridCacheSerializerFactory, Execution.ResultCaching.ResultSerializerFactory>());
        return services;
    }
}
