namespace Linq.Diagnostics;

/// <summary>The OpenTelemetry database semantic conventions' attribute names (stable, v1.33+) Linq's spans and metrics carry.</summary>
internal static class DbAttributes
{
    public const string SystemName = "db.system.name";
    public const string Postgresql = "postgresql";
    public const string Namespace = "db.namespace";
    public const string CollectionName = "db.collection.name";
    public const string OperationName = "db.operation.name";
    public const string QueryText = "db.query.text";
    public const string ReturnedRows = "db.response.returned_rows";
    public const string StatusCode = "db.response.status_code";
    public const string BatchSize = "db.operation.batch.size";
    public const string ServerAddress = "server.address";
    public const string ServerPort = "server.port";
    public const string ErrorType = "error.type";

    /// <summary>Linq's own: the Prisma-style error code (P2002, …) of a failed operation.</summary>
    public const string ErrorCode = "linq.error.code";

    /// <summary>Linq's own: the round trips an operation made (a batch and its COMMIT are two).</summary>
    public const string RoundTrips = "linq.round_trips";
}
