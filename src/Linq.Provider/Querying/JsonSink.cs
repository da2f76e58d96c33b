using System.Linq.Expressions;
using Linq.Querying.Relations;
using Linq.Sql.Syntax;
using SqlBinary = Linq.Sql.Syntax.BinaryExpression;

namespace Linq.Querying;

/// <summary>A nested select's element: slots of a <c>json_build_array</c>, read back into an object array.</summary>
internal sealed class JsonSink : IProjectionSink
{
    public System.Linq.Expressions.ParameterExpression Input { get; } = System.Linq.Expressions.Expression.Parameter(typeof(object?[]), "values");

    public List<SqlExpression> Slots { get; } = [];

    public List<JsonValueReader> Readers { get; } = [];

    public Expression Scalar(SqlValue value, Type type)
    {
        var sql = type == typeof(bool) && value.MayBeNull ? new FunctionExpression("COALESCE", value.Sql, LiteralExpression.False) : value.Sql;
        var underlying = Nullable.GetUnderlyingType(type) ?? type;
        var isTimestamp = underlying == typeof(DateTime) || underlying == typeof(DateTimeOffset);
        return Json(RelationTranslator.JsonValue(sql, isTimestamp ? "timestamptz" : null), new ScalarJsonReader(type), type);
    }

    public Expression Json(SqlExpression sql, JsonValueReader reader, Type type)
    {
        var index = Slots.Count;
        Slots.Add(sql);
        Readers.Add(reader);
        var slot = System.Linq.Expressions.Expression.ArrayIndex(Input, System.Linq.Expressions.Expression.Constant(index));
        return System.Linq.Expressions.Expression.Convert(slot, type);
    }

    public Expression Entity(SourceBinding row, IncludeNode? includes, RelationTranslator relations)
    {
        var (json, reader) = relations.EntityJson(row, includes);
        if (row.Optional)
        {
            // A row reached over an optional join: NULL instead of an array of NULLs when it is absent.
            var key = new ColumnExpression(row.Alias, row.Model.PrimaryKey.Columns[0].ColumnName);
            json = new CaseExpression([new CaseWhen(new IsNullExpression(key), LiteralExpression.Null)], json);
        }

        return Json(json, reader, row.Model.ClrType);
    }
}
