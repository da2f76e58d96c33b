using Linq;

// The names are written out in full: the generator sees them as the user would write them.
namespace Linq.Migrations.Tests.LongNames;

/// <summary>
/// A 59-byte table: its primary key, unique key, index, full-text index and decimal range check are all named past
/// 63 bytes and still differ in what the cut keeps ("_pke", "_Ema", "_dis", "_Not", "_Cre"). At 63 bytes or more a table
/// would meet its own "&lt;table&gt;_pkey" (the generator refuses that, LINQ064).
/// </summary>
[Model(Table = "customer_accounts_of_the_northern_region_for_long_name_test")]
[Unique(nameof(Region), nameof(Code), Name = "customer_accounts_region_code_unique_kept_for_long_name_tests_v1")]
[Index(nameof(DisplayName))]
public partial class LongCustomer
{
    [Id, AutoIncrement] public int Id { get; set; }
    [Unique] public string Email { get; set; } = "";
    public string Region { get; set; } = "";
    public string Code { get; set; } = "";
    [Map("display_name_of_the_customer_as_it_appears_on_invoices_and_letters")] public string DisplayName { get; set; } = "";
    [FullTextIndex] public string Notes { get; set; } = "";
    public decimal CreditLimit { get; set; }
    public List<LongPurchase> Purchases { get; set; } = [];
}

/// <summary>A foreign key whose constraint and the index Linq adds for it are named past 63 bytes; a wide decimal's check too.</summary>
[Model(Table = "purchases_of_customer_accounts_of_the_northern_region_tests")]
public partial class LongPurchase
{
    [Id, AutoIncrement] public long Id { get; set; }
    public int CustomerId { get; set; }
    [Relation(nameof(CustomerId))] public LongCustomer? Customer { get; set; }
    [Precision(40, 2)] public decimal Total { get; set; }
    [ManyToMany("purchases_to_tags_join_table_kept_for_the_long_name_tests_v1")] public List<LongTag> Tags { get; set; } = [];
}

/// <summary>The other side of a many-to-many relation whose 60-byte join table has keys and an index named past 63 bytes.</summary>
[Model]
public partial class LongTag
{
    [Id, AutoIncrement] public int Id { get; set; }
    public string Label { get; set; } = "";
    [ManyToMany("purchases_to_tags_join_table_kept_for_the_long_name_tests_v1")] public List<LongPurchase> Purchases { get; set; } = [];
}

[Database]
public partial class LongNamesDb : LinqDatabase;
