using System.Linq.Expressions;
using System.Reflection;
using Linq.Querying.Relations;
using Linq.Sql.Syntax;

namespace Linq.Querying.Shaping;

/// <summary>A nested select's element: slots of a <c>json_build_array</c>, read back into an object array.</summary>
internal sealed class JsonSink : IProjectionSink
{
    // Taken from an expression tree (ldtoken), not looked up by name: NativeAOT keeps it invocable.
    private static readonly MethodInfo NonEmptyMethod = ((MethodCallExpression)((Expression<Func<object?, object>>)(v => NonEmptyValue(v))).Body).Method;

    public ParameterExpression Input { get; } = Expression.Parameter(typeof(object?[]), "values");

    public List<SqlExpression> Slots { get; } = [];

    public List<JsonValueReader> Readers { get; } = [];

    public Expression Scalar(SqlValue value, Type type)
    {
        var sql = type == typeof(bool) && value.MayBeNull ? new SqlFunctionExpression("COALESCE", value.Sql, SqlLiteralExpression.False) : value.Sql;
        var underlying = Nullable.GetUnderlyingType(type) ?? type;
        if (underlying == typeof(DateTime) && value.Column?.StoreType == "timestamp")
        {
            // A wall-clock time goes into the JSON as stored and reads back Unspecified, as from a row.
            return Json(sql, new LocalTimestampJsonReader(), type);
        }

        var isTimestamp = underlying == typeof(DateTime) || underlying == typeof(DateTimeOffset);
        return Json(RelationTranslator.JsonValue(sql, isTimestamp ? "timestamptz" : null), new ScalarJsonReader(type), type);
    }

    public Expression NonEmpty(SqlValue value, Type type)
    {
        var read = Scalar(value, type);
        var slot = ((UnaryExpression)read).Operand;
        return Expression.Convert(Expression.Call(NonEmptyMethod, slot), type);
    }

    // NULL where a value is required: Min, Max or Average of no rows, as LINQ-to-Objects reports it.
    private static object NonEmptyValue(object? value) => value ?? throw new InvalidOperationException("Sequence contains no elements");

    public Expression Json(SqlExpression sql, JsonValueReader reader, Type type)
    {
        var index = Slots.Count;
        Slots.Add(sql);
        Readers.Add(reader);
        var slot = Expression.ArrayIndex(Input, Expression.Constant(index));
        return Expression.Convert(slot, type);
    }

    public Expression Entity(SourceBinding row, IncludeNode? includes, RelationTranslator relations)
    {
        var (json, reader) = relations.EntityJson(row, includes);
        if (row.Optional)
        {
            // A row reached over an optional join: NULL instead of an array of NULLs when it is absent.
            var key = new SqlColumnExpression(row.Alias, row.Model.PrimaryKey.Columns[0].ColumnName);
            json = new SqlCaseExpression([new SqlCaseWhen(new SqlIsNullExpression(key), SqlLiteralExpression.Null)], json);
        }

        return Json(json, reader, row.Model.ClrType);
    }
}
