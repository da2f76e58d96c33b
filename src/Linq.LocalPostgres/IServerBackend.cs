namespace Linq.LocalPostgres;

/// <summary>One way of providing a PostgreSQL server: an existing one, a container, or a local cluster.</summary>
internal interface IServerBackend : IAsyncDisposable, IDisposable
{
    /// <summary>Npgsql keyword connection string for the maintenance database, with the password.</summary>
    string ConnectionString { get; }

    /// <summary>Where the server comes from, without any secret.</summary>
    string Source { get; }
}
