using System.Data.Common;
using Npgsql;

namespace Linq.Hosting;

/// <summary>
/// Npgsql settings for <see cref="LinqDatabaseOptions.PrepareStatements"/>: automatic preparation on every data source
/// the client builds (the primary's and each replica's). A statement's text is rendered once per query shape, so the
/// same text repeats and Npgsql's per-connection cache of prepared statements (keyed by that text) applies as it is.
/// The connection string's own <c>Max Auto Prepare</c> and <c>Auto Prepare Min Usages</c> win over these values.
/// </summary>
internal static class PreparedStatementSettings
{
    /// <summary>
    /// Statements kept prepared per connection (Npgsql evicts the least recently used beyond it): each one holds a plan
    /// in its server session, so the bound is there for the server's memory; a client's hot shapes are far fewer.
    /// </summary>
    public const int PerConnection = 128;

    /// <summary>A statement is prepared on its second execution on a connection: a one-off statement is never prepared.</summary>
    public const int MinUsages = 2;

    public static void Apply(NpgsqlConnectionStringBuilder builder, LinqDatabaseOptions options)
    {
        if (!options.PrepareStatements)
        {
            return;
        }

        var given = new DbConnectionStringBuilder { ConnectionString = builder.ConnectionString };
        if (!given.ContainsKey("Max Auto Prepare") && !given.ContainsKey("MaxAutoPrepare"))
        {
            builder.MaxAutoPrepare = PerConnection;
        }

        if (!given.ContainsKey("Auto Prepare Min Usages") && !given.ContainsKey("AutoPrepareMinUsages"))
        {
            builder.AutoPrepareMinUsages = MinUsages;
        }
    }

    /// <summary>A data source the client did not build cannot be changed: say where the setting goes instead.</summary>
    public static void RefuseGiven(LinqDatabaseOptions options)
    {
        if (options.PrepareStatements)
        {
            throw new ArgumentException(
                "options.PrepareStatements applies to the data source the client builds from its connection string; this client was given a data source "
                + "(UseDataSource / UseDataSourceFromServices). Add 'Max Auto Prepare=128;Auto Prepare Min Usages=2' to that data source's connection "
                + "string instead, or remove PrepareStatements.", nameof(options));
        }
    }
}
