using System.Linq.Expressions;
using Linq.Contract;
using Linq.Sql.Syntax;
using Linq.Writing.Caching;

namespace Linq.Writing.Nested;

/// <summary>
/// The row a nested update's writes hang under: the updated row itself, or a child it updates through a relation
/// (<c>Items.Update</c>), found by its unique key AND by belonging to the row above it. A child's own nested writes
/// run before its update (which may change its key), so without the second condition they would find a row with that
/// key under another parent and write to it before the child's update is reported missing.
/// </summary>
/// <param name="Model">The row's model.</param>
/// <param name="Where">Its unique key, as the caller wrote it.</param>
/// <param name="Above">The row it belongs to; null for the updated row itself.</param>
/// <param name="ForeignKey">This row's column that references <paramref name="Above"/>; null with it.</param>
/// <param name="ReferencedAbove">The column of <paramref name="Above"/> that <paramref name="ForeignKey"/> references.</param>
internal sealed record NestedParent(ModelMetadata Model, LambdaExpression Where, NestedParent? Above = null, ColumnMetadata? ForeignKey = null,
    ColumnMetadata? ReferencedAbove = null)
{
    /// <summary>0 for the updated row, 1 for its children, and so on.</summary>
    public int Depth { get; } = Above is null ? 0 : Above.Depth + 1;

    /// <summary>
    /// <c>SELECT "referenced" AS "k" FROM parent AS "parent" WHERE &lt;its unique key&gt;</c> and, below the updated row,
    /// <c>AND "parent".fk = (&lt;the row above's key&gt;)</c>: NULL when the row is missing or belongs elsewhere, so the
    /// writes under it change nothing. Parameters in the order of the text; the chain is part of <paramref name="shape"/>.
    /// </summary>
    public SqlSelectStatement KeySelect(ColumnMetadata referenced, WriteShape? shape = null)
    {
        // Each level its own alias, so no level's condition can be read against another's row.
        var alias = Depth == 0 ? "parent" : "parent" + Depth;
        // A token the updated row's filter compares is checked by that row's own statement; the children only need the key.
        SqlExpression where = KeyPredicate.KeyOnly(Model, Where, alias, shape);
        if (Above is not null)
        {
            shape?.Mark('^');
            var above = new SqlScalarSubqueryExpression(Above.KeySelect(ReferencedAbove!, shape));
            where = new SqlBinaryExpression(SqlBinaryOperator.And, where,
                new SqlBinaryExpression(SqlBinaryOperator.Equal, new SqlColumnExpression(alias, ForeignKey!.ColumnName), above));
        }

        return new SqlSelectStatement
        {
            Items = [new SqlSelectItem(new SqlColumnExpression(alias, referenced.ColumnName), "k")],
            From = new SqlTableReference(Model.TableName, alias),
            Where = where,
        };
    }
}
