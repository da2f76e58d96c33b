using Linq.Cli.Pull;
using Linq.Sql.Schema;

namespace Linq.Cli.Tests;

public sealed partial class DbPullTests
{
    /// <summary>
    /// The decimal range check is implied by an unconstrained decimal property, so db pull writes the same model with or
    /// without it, and with the magnitude-only form older versions created (nothing about it, no note); a migration of the
    /// pulled model adds the check where the database lacks it and replaces the old form.
    /// </summary>
    [Fact]
    public void The_decimal_range_check_adds_nothing_to_the_pulled_model()
    {
        static SchemaDefinition Schema(CheckConstraintKind? check) => new([], [
            new TableDefinition("Account", [new ColumnDefinition("Id", "integer", false, Identity: true), new ColumnDefinition("Balance", "numeric", true)], ["Id"], [], [], [])
            {
                Checks = check is { } kind ? [new CheckConstraintDefinition("Account_Balance_range", "Balance", kind)] : [],
            },
        ]);

        var options = new ModelWriterOptions("Bank.Models", "BankDb");
        var with = ModelWriter.Write(Schema(CheckConstraintKind.DecimalRange), options);
        var without = ModelWriter.Write(Schema(null), options);
        var old = ModelWriter.Write(Schema(CheckConstraintKind.DecimalMagnitude), options);
        Assert.Equal(without.Select(f => (f.FileName, f.Content, string.Join("\n", f.Notes))), with.Select(f => (f.FileName, f.Content, string.Join("\n", f.Notes))));
        Assert.Equal(without.Select(f => (f.FileName, f.Content, string.Join("\n", f.Notes))), old.Select(f => (f.FileName, f.Content, string.Join("\n", f.Notes))));
        var account = with.Single(f => f.FileName == "Account.cs");
        Assert.Contains("public decimal? Balance { get; set; }", account.Content, StringComparison.Ordinal);
        Assert.DoesNotContain("range", string.Join("\n", with.Select(f => f.Content + string.Join("\n", f.Notes))), StringComparison.OrdinalIgnoreCase);
        Assert.Empty(account.Notes);
    }
}
