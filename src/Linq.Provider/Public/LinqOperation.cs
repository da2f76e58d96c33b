namespace Linq;

/// <summary>
/// What a statement was sent for, named as Prisma names its operations: the operation of log events, of spans
/// (<c>db.operation.name</c>) and of interceptors. One operation may send several statements (a nested write, a
/// transaction); they all carry its name.
/// </summary>
public enum LinqOperation
{
    /// <summary>A query returning at most one row by a unique key (<c>FindUniqueAsync</c>, <c>Single</c>).</summary>
    FindUnique,

    /// <summary>A query returning its first row (<c>First</c>, <c>FindFirstAsync</c>, <c>Last</c>, <c>ElementAt</c>, <c>MaxBy</c>).</summary>
    FindFirst,

    /// <summary>A query returning rows (<c>ToListAsync</c>, streaming, pages).</summary>
    FindMany,

    /// <summary><c>Count</c>/<c>LongCount</c>.</summary>
    Count,

    /// <summary><c>Sum</c>, <c>Min</c>, <c>Max</c>, <c>Average</c>.</summary>
    Aggregate,

    /// <summary><c>Any</c>/<c>All</c>.</summary>
    Exists,

    /// <summary>One row created (with its nested writes).</summary>
    Create,

    /// <summary>Many rows created (<c>CreateManyAsync</c>, COPY).</summary>
    CreateMany,

    /// <summary>One row updated by a unique key.</summary>
    Update,

    /// <summary>Every row matching a filter updated.</summary>
    UpdateMany,

    /// <summary>A row created or updated.</summary>
    Upsert,

    /// <summary>One row deleted by a unique key.</summary>
    Delete,

    /// <summary>Every row matching a filter deleted.</summary>
    DeleteMany,

    /// <summary>Raw SQL returning rows.</summary>
    QueryRaw,

    /// <summary>Raw SQL run for its effect.</summary>
    ExecuteRaw,

    /// <summary>A transaction's own statements: a batch transaction, savepoints.</summary>
    Transaction,
}
