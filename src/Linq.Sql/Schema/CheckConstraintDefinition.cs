using System.Globalization;
using Linq.Sql.Rendering;

namespace Linq.Sql.Schema;

/// <summary>A CHECK constraint of a recognized <see cref="CheckConstraintKind"/> over one column.</summary>
/// <param name="Name">The constraint's name.</param>
/// <param name="Column">The column it checks.</param>
/// <param name="Kind">Its form.</param>
public sealed record CheckConstraintDefinition(string Name, string Column, CheckConstraintKind Kind = CheckConstraintKind.DecimalRange)
{
    /// <summary><see cref="decimal.MaxValue"/> as SQL text: the bound of <see cref="CheckConstraintKind.DecimalRange"/> on the mantissa.</summary>
    public static readonly string DecimalMaxText = decimal.MaxValue.ToString(CultureInfo.InvariantCulture);

    /// <summary>The name a <see cref="CheckConstraintKind.DecimalRange"/> check of a column gets: <c>&lt;table&gt;_&lt;column&gt;_range</c>.</summary>
    public static CheckConstraintDefinition DecimalRange(string table, string column) => new(table + "_" + column + "_range", column);

    /// <summary>
    /// The condition, as written in DDL: for <see cref="CheckConstraintKind.DecimalRange"/>
    /// <c>((abs("column") &lt;= 79228162514264337593543950335) AND (scale("column") &lt;= 28)) AND ((abs("column") *
    /// power(10.0, scale("column"))) &lt;= 79228162514264337593543950335)</c> (<see cref="Syntax.DecimalReadable"/>); for
    /// <see cref="CheckConstraintKind.DecimalMagnitude"/> <c>abs("column") &lt;= 79228162514264337593543950335</c>.
    /// </summary>
    public string Condition => Kind switch
    {
        CheckConstraintKind.DecimalRange => Syntax.DecimalReadable.ColumnCondition(Column),
        CheckConstraintKind.DecimalMagnitude => "abs(" + Identifier.Quote(Column) + ") <= " + DecimalMaxText,
        _ => throw new InvalidOperationException($"Unknown check kind {Kind}."),
    };
}
