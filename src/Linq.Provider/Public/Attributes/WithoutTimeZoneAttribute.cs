namespace Linq;

/// <summary>
/// The <c>DateTime</c> column is <c>timestamp without time zone</c> instead of <c>timestamptz</c> (like Prisma's
/// <c>@db.Timestamp</c>): it stores a wall-clock time, written from a <c>DateTime</c> of kind
/// <see cref="DateTimeKind.Unspecified"/> or <see cref="DateTimeKind.Local"/> as it is, and read back as
/// <see cref="DateTimeKind.Unspecified"/> on every read path. A <see cref="DateTimeKind.Utc"/> value is refused, as
/// Npgsql does: say which wall-clock time is meant with <c>DateTime.SpecifyKind</c>.
/// </summary>
[AttributeUsage(AttributeTargets.Property, Inherited = false)]
public sealed class WithoutTimeZoneAttribute : Attribute;
