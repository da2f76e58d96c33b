using System.Globalization;
using Linq.Sql.Rendering;

namespace Linq.Sql.Schema;

/// <summary>A CHECK constraint of a recognized <see cref="CheckConstraintKind"/> over one column.</summary>
/// <param name="Name">The constraint's name.</param>
/// <param name="Column">The column it checks.</param>
/// <param name="Kind">Its form.</param>
public sealed record CheckConstraintDefinition(string Name, string Column, CheckConstraintKind Kind = CheckConstraintKind.DecimalRange)
{
    /// <summary><see cref="decimal.MaxValue"/> as SQL text: the bound of <see cref="CheckConstraintKind.DecimalRange"/>.</summary>
    public static readonly string DecimalMaxText = decimal.MaxValue.ToString(CultureInfo.InvariantCulture);

    /// <summary>The name a <see cref="CheckConstraintKind.DecimalRange"/> check of a column gets: <c>&lt;table&gt;_&lt;column&gt;_range</c>.</summary>
    public static CheckConstraintDefinition DecimalRange(string table, string column) => new(table + "_" + column + "_range", column);

    /// <summary>The condition, as written in DDL: <c>abs("column") &lt;= 79228162514264337593543950335</c>.</summary>
    public string Condition => Kind switch
    {
        CheckConstraintKind.DecimalRange => "abs(" + Identifier.Quote(Column) + ") <= " + DecimalMaxText,
        _ => throw new InvalidOperationException($"Unknown check kind {Kind}."),
    };
}
