using Microsoft.CodeAnalysis;

namespace Linq.Generators.Tests;

/// <summary>
/// Nested write inputs say at compile time what a relation allows: a child created through its parent has no field
/// for the foreign key the parent supplies, and Disconnect exists only where the foreign key is nullable.
/// </summary>
public class NestedInputCompileTests
{
    private const string Models = """
        namespace Shop
        {
            [Model]
            public partial class Customer
            {
                [Id, AutoIncrement] public int Id { get; set; }
                [Unique] public required string Email { get; set; }
                public List<Order> Orders { get; set; } = [];
                public List<Ticket> Tickets { get; set; } = [];
            }

            [Model]
            public partial class Order
            {
                [Id, AutoIncrement] public int Id { get; set; }
                public int CustomerId { get; set; }
                [Relation(nameof(CustomerId))] public Customer? Customer { get; set; }
            }

            [Model]
            public partial class Ticket
            {
                [Id, AutoIncrement] public int Id { get; set; }
                public required string Subject { get; set; }
                public int? CustomerId { get; set; }
                [Relation(nameof(CustomerId))] public Customer? Customer { get; set; }
            }
        }
        """;

    private static IReadOnlyList<Diagnostic> Errors(string body)
    {
        var code = """
            using Shop;

            public static class Writes
            {
                public static void Build(int id)
                {
            """ + body + """

                }
            }
            """;
        return GeneratorHarness.Run(Models, code).CompilationErrors;
    }

    [Fact]
    public void Nested_creates_and_optional_disconnects_compile()
    {
        var errors = Errors("""
                    var create = new CustomerCreateInput
                    {
                        Email = "a@b.c",
                        Orders = new() { Create = [new()], Connect = [o => o.Id == id] },
                        Tickets = new() { Create = [new() { Subject = "help" }] },
                    };
                    var update = new CustomerUpdateInput
                    {
                        Orders = new() { Delete = [o => o.Id == id], UpdateMany = [new() { Where = o => o.Id > id, Data = new() }] },
                        Tickets = new() { Disconnect = [t => t.Id == id] },
                    };
            """);
        Assert.True(errors.Count == 0, GeneratorRun.Describe(errors));
    }

    [Fact]
    public void The_foreign_key_the_parent_supplies_has_no_field()
    {
        var errors = Errors("""
                    var create = new CustomerCreateInput { Email = "a@b.c", Orders = new() { Create = [new() { CustomerId = id }] } };
            """);
        var error = Assert.Single(errors);
        Assert.Equal("CS0117", error.Id); // 'OrderCreateWithoutCustomerInput' does not contain a definition for 'CustomerId'
        Assert.Contains("OrderCreateWithoutCustomerInput", error.GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
    }

    [Fact]
    public void Disconnect_does_not_exist_for_a_required_foreign_key()
    {
        var errors = Errors("""
                    var update = new CustomerUpdateInput { Orders = new() { Disconnect = [o => o.Id == id] } };
            """);
        var error = Assert.Single(errors);
        Assert.Equal("CS0117", error.Id);
        Assert.Contains("Disconnect", error.GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
    }
}
