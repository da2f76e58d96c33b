namespace Linq;

/// <summary>
/// L2001: an update or delete compared a concurrency token (<see cref="ConcurrencyTokenAttribute"/> or
/// <see cref="RowVersionAttribute"/>) and the row no longer holds it: another writer changed it since it was read.
/// Nothing was written. Read the row again and retry, or report the conflict. Prisma has no code for this (it reports
/// P2025, as for a missing row); this library's own code keeps the two apart, and a missing row is still
/// <see cref="RecordNotFoundException"/>.
/// </summary>
public sealed class ConcurrencyConflictException : LinqRequestException
{
    /// <summary>Creates the exception.</summary>
    public ConcurrencyConflictException(string model, string operation, IReadOnlyList<string> fields)
        : base("L2001", $"The {model} record was changed by another writer since it was read ({string.Join(", ", fields)} no longer match), so the {operation} was not applied.",
            model, fields, null)
    {
    }
}
