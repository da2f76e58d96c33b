using Microsoft.CodeAnalysis;

namespace Linq.Generators.Tests;

/// <summary>
/// <c>WriteResult&lt;T&gt;.Match</c> needs one handler per case: a snippet that leaves one out does not compile (CS7036,
/// naming the missing handler), and the complete one does. This is what makes the set of cases closed for callers.
/// </summary>
public class WriteResultCompileTests
{
    private const string Models = """
        namespace Shop
        {
            [Model]
            public partial class Customer
            {
                [Id, AutoIncrement] public int Id { get; set; }
                [Unique] public required string Email { get; set; }
            }
        }
        """;

    private static IReadOnlyList<Diagnostic> Errors(string handlers)
    {
        var code = """
            using System.Threading.Tasks;
            using Shop;

            public static class Signup
            {
                public static async Task<string> RunAsync(Table<Customer> customers, string email)
                {
                    var result = await customers.CreateFromInputAsync(new CustomerCreateInput { Email = email }).AsResult();
                    return result.Match(
            """ + handlers + """
            );
                }
            }
            """;
        return GeneratorHarness.Run(Models, code).CompilationErrors;
    }

    private const string Ok = "ok: c => \"created \" + c.Id,";
    private const string Unique = "uniqueViolation: v => \"taken: \" + string.Join(\",\", v.Fields),";
    private const string ForeignKey = "foreignKeyViolation: v => \"no parent\",";
    private const string NotFound = "notFound: v => \"gone\",";
    private const string Conflict = "concurrencyConflict: v => \"changed\"";

    [Fact]
    public void Every_handler_given_compiles()
    {
        var errors = Errors(string.Join("\n", Ok, Unique, ForeignKey, NotFound, Conflict));
        Assert.True(errors.Count == 0, GeneratorRun.Describe(errors));
    }

    [Theory]
    [InlineData("uniqueViolation")]
    [InlineData("foreignKeyViolation")]
    [InlineData("notFound")]
    [InlineData("concurrencyConflict")]
    [InlineData("ok")]
    public void A_missing_handler_is_a_compile_error(string missing)
    {
        var handlers = new[] { Ok, Unique, ForeignKey, NotFound, Conflict }.Where(h => !h.StartsWith(missing + ":", StringComparison.Ordinal)).ToList();
        handlers[^1] = handlers[^1].TrimEnd(',');
        var errors = Errors(string.Join("\n", handlers));
        Assert.NotEmpty(errors);

        // Without ok the compiler's error recovery reports the lambdas bound to the wrong parameter instead (CS1061).
        Assert.True(missing == "ok" || errors.Any(e => e.Id == "CS7036" && e.GetMessage(System.Globalization.CultureInfo.InvariantCulture).Contains("'" + missing + "'", StringComparison.Ordinal)),
            GeneratorRun.Describe(errors));
    }
}
