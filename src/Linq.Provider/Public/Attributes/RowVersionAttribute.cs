namespace Linq;

/// <summary>
/// The <c>uint</c> property reads PostgreSQL's <c>xmin</c> system column: the id of the transaction that last wrote
/// the row, which changes with every update. It is read-only (not in the create or update input, not in the DDL)
/// and works as a concurrency token without a column of its own: compare it in the unique filter of
/// <c>UpdateAsync</c>/<c>DeleteAsync</c> to get <see cref="ConcurrencyConflictException"/> when the row changed.
/// </summary>
[AttributeUsage(AttributeTargets.Property, Inherited = false)]
public sealed class RowVersionAttribute : Attribute;
