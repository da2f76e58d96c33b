using Linq;

namespace Linq.Migrations.Tests.UniqueNames;

/// <summary>
/// Unique keys named on the property (as <c>linq db pull</c> writes a one-column unique constraint whose name is not
/// the default), one left to the default name, two named ones on one property, and a named one on the class. It joins the project's one generated
/// database, <see cref="LongNames.LongNamesDb"/> (a <c>[Database]</c> gets every model of its project).
/// </summary>
[Model(Table = "named_unique_accounts")]
[Unique(nameof(Region), nameof(Code), Name = "named_unique_accounts_region_code_uq")]
public partial class NamedUniqueAccount
{
    [Id, AutoIncrement] public int Id { get; set; }
    [Unique(Name = "custom_email_unique")] public string Email { get; set; } = "";
    [Unique(Name = "Login Name Unique"), Map("login")] public string Login { get; set; } = "";
    [Unique] public string Phone { get; set; } = "";
    // Two named keys on one column, as `linq db pull` writes a column with two unique constraints: each is its own constraint.
    [Unique(Name = "named_unique_accounts_handle_a"), Unique(Name = "named_unique_accounts_handle_b")] public string Handle { get; set; } = "";
    public string Region { get; set; } = "";
    public string Code { get; set; } = "";
}
