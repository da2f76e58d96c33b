namespace Linq.Generators.Tests;

/// <summary>
/// The NULL order of the indexes a model makes: nullable columns NULLS FIRST (the order LINQ sorts them in), also in
/// the index Linq adds for a nullable foreign key; non-null columns with no option; <c>Nulls = IndexNulls.Last</c>
/// keeps PostgreSQL's default. The option on an index with no nullable column changes nothing and reports nothing.
/// </summary>
public class IndexNullOrderTests
{
    [Fact]
    public void Nullable_columns_are_indexed_nulls_first_unless_the_index_says_Last()
    {
        var run = GeneratorHarness.Run("""
            namespace Shop
            {
                [Model(Table = "orders")]
                [Index(nameof(PlacedAt))]
                [Index(nameof(Status), nameof(Total), nameof(Note))]
                [Index(nameof(Note), Nulls = IndexNulls.Last, Name = "orders_note_default")]
                [Index(nameof(Total), Nulls = IndexNulls.Last)]
                [Index(nameof(Status), Nulls = IndexNulls.First)]
                public partial class Order
                {
                    [Id] public int Id { get; set; }
                    public System.DateTime? PlacedAt { get; set; }
                    public string? Status { get; set; }
                    public decimal Total { get; set; }
                    public string? Note { get; set; }
                    public int? CustomerId { get; set; }
                    [Relation(nameof(CustomerId))] public Customer? Customer { get; set; }
                }

                [Model(Table = "customers")]
                public partial class Customer
                {
                    [Id] public int Id { get; set; }
                    public System.Collections.Generic.List<Order> Orders { get; set; } = new();
                }

                [Database]
                public partial class ShopDb : LinqDatabase;
            }
            """);

        Assert.True(run.GeneratorDiagnostics.IsEmpty, GeneratorRun.Describe(run.GeneratorDiagnostics));
        var orders = NameCollisionTests.RuntimeSchema(run, "Shop.ShopDb").Tables.Single(t => t.Name == "orders");
        Assert.Equal(
            [
                "orders_CustomerId_idx|CustomerId|CustomerId",
                "orders_PlacedAt_idx|PlacedAt|PlacedAt",
                "orders_Status_Total_Note_idx|Status,Total,Note|Status,Note",
                "orders_Status_idx|Status|Status",
                "orders_Total_idx|Total|",
                "orders_note_default|Note|",
            ],
            orders.Indexes.Select(i => i.Name + "|" + string.Join(",", i.Columns) + "|" + string.Join(",", i.NullsFirstColumns)).Order(StringComparer.Ordinal));
        Assert.Contains("CREATE INDEX \"orders_Status_Total_Note_idx\" ON \"orders\" (\"Status\" NULLS FIRST, \"Total\", \"Note\" NULLS FIRST);",
            Linq.Sql.Schema.DdlRenderer.CreateScript(new Linq.Sql.Schema.SchemaDefinition([], [orders])), StringComparison.Ordinal);
    }
}
