namespace Linq;

/// <summary>How related rows are loaded (Prisma's <c>relationLoadStrategy</c>).</summary>
public enum LoadStrategy
{
    /// <summary>One statement: each relation is a <c>LEFT JOIN LATERAL</c> sub-select aggregating its rows to JSON. One round trip, one row per root.</summary>
    Join,

    /// <summary>One extra statement per relation level (<c>WHERE fk = ANY($keys)</c>), stitched in memory; never one per row.</summary>
    Query,
}
