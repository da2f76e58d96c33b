namespace Linq.Provider.Tests.Models;

/// <summary>
/// Column facets and concurrency: varchar(n), numeric(p,s), timestamp without time zone beside timestamptz, an integer
/// version the library bumps and PostgreSQL's xmin as a row version.
/// </summary>
[Model]
public partial class Journal
{
    [Id, AutoIncrement] public int Id { get; set; }
    [MaxLength(12), Unique] public required string Code { get; set; }
    [MaxLength(40)] public string? Label { get; set; }
    [Precision(8, 2), Default(0)] public decimal Amount { get; set; }
    [Precision(6, 3)] public decimal? Rate { get; set; }
    [WithoutTimeZone] public DateTime OpensAt { get; set; }
    [WithoutTimeZone] public DateTime? ClosesAt { get; set; }
    public DateTime BookedAt { get; set; }
    public DateTime? SettledAt { get; set; }
    [ConcurrencyToken] public int Version { get; set; }
    [RowVersion] public uint RowVersion { get; set; }
    public List<JournalLine> Entries { get; set; } = [];
}
