using Linq.Contract;
using Linq.Provider.Tests.Models;

namespace Linq.Provider.Tests;

/// <summary>
/// What a NativeAOT program relies on: the runtime reads, sends and copies values only through the closed table of value
/// types (no generic method closed at run time), and reaches model properties only through generated code.
/// </summary>
public sealed class AotContractTests
{
    [Fact]
    public void Every_mapped_column_type_is_in_the_closed_value_table()
    {
        var columns = TestDb.Model.Models.SelectMany(m => m.Columns.Select(c => (Model: m.Name, Column: c))).ToList();
        Assert.Contains(columns, c => c.Column.ClrType == typeof(Mood?));
        var missing = columns
            .Where(c => ScalarType.Find(c.Column.ClrType) is null || ScalarType.Find(Nullable.GetUnderlyingType(c.Column.ClrType) ?? c.Column.ClrType) is null)
            .Select(c => $"{c.Model}.{c.Column.PropertyName}: {c.Column.ClrType}")
            .ToList();
        Assert.True(missing.Count == 0, "Column types outside the value table: " + string.Join(", ", missing));
    }

    [Fact]
    public void Every_column_names_its_property_through_generated_code()
    {
        foreach (var model in TestDb.Model.Models)
        {
            foreach (var column in model.Columns)
            {
                var member = model.PropertyOf(column);
                Assert.Equal(column.PropertyName, member.Name);
                Assert.Equal(model.ClrType, member.DeclaringType);
            }
        }
    }

    [Fact]
    public void Values_outside_the_table_are_refused_with_the_supported_list()
    {
        var error = Assert.Throws<NotSupportedException>(() => ScalarType.Get(typeof(Uri)));
        Assert.Contains("Uri", error.Message, StringComparison.Ordinal);
        Assert.Contains("[DbEnum]", error.Message, StringComparison.Ordinal);
    }
}
