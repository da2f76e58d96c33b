using System.Globalization;
using Linq.Sql.Schema.Operations;

namespace Linq.Migrations.Safety;

/// <summary>Whether an operation can lose data or fail on the data a table holds.</summary>
public enum OperationSafety
{
    /// <summary>Runs on any data and loses none.</summary>
    Safe,

    /// <summary>Loses data (drops a table, a column, enum labels, or narrows a type) or fails on some data (a new NOT NULL, unique or key).</summary>
    Destructive,
}

/// <summary>An operation with its safety, the reason, and (after <see cref="DestructiveChangeChecker"/>) the rows it affects.</summary>
/// <param name="Operation">The operation.</param>
/// <param name="Safety">Safe or destructive.</param>
/// <param name="Reason">Why it is destructive, in a few words; null when it is safe.</param>
/// <param name="LosesData">
/// Whether it destroys data when it succeeds (a drop, a lossy type change), as opposed to failing when the data does
/// not fit (a new NOT NULL or unique constraint): a tool may accept the latter silently when no row is affected.
/// </param>
/// <param name="AffectedRows">The rows affected in the database it was checked against, or null when not counted.</param>
/// <param name="AffectedRowsMeaning">What <paramref name="AffectedRows"/> counts, e.g. <c>rows with NULL</c>; null when not counted.</param>
public sealed record ClassifiedOperation(
    SchemaOperation Operation,
    OperationSafety Safety,
    string? Reason,
    bool LosesData,
    long? AffectedRows = null,
    string? AffectedRowsMeaning = null)
{
    /// <summary>Whether the operation is <see cref="OperationSafety.Destructive"/>.</summary>
    public bool IsDestructive => Safety == OperationSafety.Destructive;

    /// <summary>One line for a warning: the operation, the reason and the count, e.g. <c>drop table "Post": its rows are deleted (12 rows)</c>.</summary>
    public string Warning
    {
        get
        {
            var text = Operation.Description + (Reason is null ? "" : ": " + Reason);
            return AffectedRows is { } rows
                ? text + string.Create(CultureInfo.InvariantCulture, $" ({rows} {AffectedRowsMeaning})")
                : text;
        }
    }

    /// <inheritdoc />
    public override string ToString() => Warning;
}
