namespace Linq.Provider.Tests.Models;

/// <summary>Children of <see cref="Journal"/>: both timestamp kinds through relation loading, and a token the program sets.</summary>
[Model]
public partial class JournalLine
{
    [Id, AutoIncrement] public int Id { get; set; }
    public int JournalId { get; set; }
    [Relation(nameof(JournalId))] public Journal? Journal { get; set; }
    [WithoutTimeZone] public DateTime At { get; set; }
    [WithoutTimeZone] public DateTime? AtN { get; set; }
    public DateTime Stamped { get; set; }
    [ConcurrencyToken] public Guid Stamp { get; set; }
    [RowVersion] public uint RowVersion { get; set; }
}
