using System.Linq.Expressions;
using System.Text.Json;
using Linq.Contract;
using Linq.Sql.Syntax;

namespace Linq.Querying.Expressions.Json;

/// <summary>
/// Paths into <c>jsonb</c> columns: <c>RootElement</c>, <c>GetProperty(name)</c> and <c>[index]</c> become <c>-&gt;</c>
/// (names and indexes are parameters), the typed getters <c>-&gt;&gt;</c> with a cast, <c>GetArrayLength()</c>
/// <c>jsonb_array_length</c>; <c>Pg.JsonContains</c> is <c>@&gt;</c> and <c>Pg.JsonHasKey</c> <c>?</c>.
/// A missing member or element is NULL in SQL where .NET throws (see docs/queries.md).
/// </summary>
internal static class JsonPaths
{
    // Marks a translated value as jsonb, so a path can continue from it and Pg.JsonContains accepts it.
    private static readonly ColumnMetadata JsonValue = new(0, "json", "json", typeof(JsonElement), "jsonb", isNullable: true);

    /// <summary>Whether the value is <c>jsonb</c> (a column or a path into one).</summary>
    public static bool IsJson(SqlValue value) => value.Column?.StoreType == "jsonb";

    /// <summary><c>document.RootElement</c>: the document itself.</summary>
    public static SqlValue? Member(MemberExpression member, SqlValue operand) =>
        member.Member.DeclaringType == typeof(JsonDocument) && member.Member.Name == nameof(JsonDocument.RootElement) ? operand : null;

    /// <summary>
    /// A member of a <c>[JsonColumn]</c> column's type (<c>o.Shipping.City</c>): <c>-&gt;</c> by the name the serializer writes
    /// (<c>[JsonPropertyName]</c>, else the context's naming policy), then <c>-&gt;&gt;</c> with a cast for a value.
    /// Null when the operand is not such a value.
    /// </summary>
    public static SqlValue? TypedMember(SqlExpressionTranslator translator, MemberExpression member, SqlValue operand)
    {
        var owner = member.Expression!.Type;
        owner = Nullable.GetUnderlyingType(owner) ?? owner;
        if (!IsJson(operand) || !JsonValues.IsJsonType(owner))
        {
            return null;
        }

        var name = JsonValues.JsonName(owner, member.Member.Name)
            ?? throw new QueryTranslationException(member, $"'{owner.Name}.{member.Member.Name}' is not written to JSON (not a public readable property, or [JsonIgnore]).");
        var key = translator.Context.AddConstant(name, storeType: "text");
        var type = Nullable.GetUnderlyingType(member.Type) ?? member.Type;
        if (JsonValues.IsJsonType(type))
        {
            // A nested object written as JSON null is SQL NULL here, so == null and further members behave as in .NET.
            var nested = new SqlBinaryExpression(SqlBinaryOperator.JsonGet, operand.Sql, key);
            return new SqlValue(new SqlFunctionExpression("NULLIF", nested, new SqlCastExpression(SqlLiteralExpression.Quoted("null"), "jsonb")), true, JsonValue);
        }

        var text = new SqlBinaryExpression(SqlBinaryOperator.JsonGetText, operand.Sql, key);
        if (type == typeof(string))
        {
            return new SqlValue(text, true);
        }

        var cast = type.IsEnum ? null : Execution.StoreTypes.ScalarName(type);
        return cast is null
            ? throw new QueryTranslationException(member, $"members of type '{type.Name}' inside a [JsonColumn] column cannot be read in SQL.",
                "Numbers, bool, string, Guid, dates and nested objects can; test collections with Pg.JsonContains(x.Column, json) and a JSON fragment.")
            : new SqlValue(new SqlCastExpression(text, cast), true);
    }

    /// <summary>A method of <see cref="JsonElement"/>.</summary>
    public static SqlValue Call(SqlExpressionTranslator translator, MethodCallExpression call)
    {
        var operand = translator.Translate(call.Object!);
        var name = call.Method.Name;
        switch (name)
        {
            case nameof(JsonElement.GetProperty) when call.Arguments.Count == 1 && call.Arguments[0].Type == typeof(string):
                return Step(translator, operand, call.Arguments[0], "text");
            case "get_Item" when call.Arguments.Count == 1 && call.Arguments[0].Type == typeof(int):
                return Step(translator, operand, call.Arguments[0], "integer");
            case nameof(JsonElement.GetArrayLength) when call.Arguments.Count == 0:
                return new SqlValue(new SqlFunctionExpression("jsonb_array_length", operand.Sql), true);
            case nameof(JsonElement.GetString) when call.Arguments.Count == 0:
                return new SqlValue(AsText(operand, call), true);
        }

        if (call.Arguments.Count == 0 && Cast(name) is { } type)
        {
            return new SqlValue(new SqlCastExpression(AsText(operand, call), type), true);
        }

        throw new QueryTranslationException(call, $"the method 'JsonElement.{name}' has no SQL translation.",
            "Supported: GetProperty(name), [index], GetString(), GetInt16/32/64(), GetDecimal(), GetDouble(), GetSingle(), GetBoolean(), GetGuid(), GetArrayLength().");
    }

    /// <summary><c>Pg.JsonContains(json, fragment)</c>: <c>json @&gt; $n::jsonb</c>.</summary>
    public static SqlValue Contains(SqlExpressionTranslator translator, MethodCallExpression call)
    {
        var json = Json(translator, call);
        var fragment = ValueOrColumn(translator, call.Arguments[1], "jsonb", call);
        return new SqlValue(new SqlBinaryExpression(SqlBinaryOperator.ContainsAll, json.Sql, fragment), true);
    }

    /// <summary><c>Pg.JsonHasKey(json, key)</c>: <c>json ? $n</c> (Npgsql sends <c>$n</c> SQL as it is: the <c>?</c> is PostgreSQL's operator).</summary>
    public static SqlValue HasKey(SqlExpressionTranslator translator, MethodCallExpression call)
    {
        var json = Json(translator, call);
        var key = ValueOrColumn(translator, call.Arguments[1], "text", call);
        return new SqlValue(new SqlBinaryExpression(SqlBinaryOperator.JsonHasKey, json.Sql, key), true);
    }

    private static SqlValue Json(SqlExpressionTranslator translator, MethodCallExpression call)
    {
        var json = translator.Translate(StripConvert(call.Arguments[0]));
        return IsJson(json)
            ? json
            : throw new QueryTranslationException(call, "the first argument must be a jsonb column or a path into one.");
    }

    private static Expression StripConvert(Expression node) => node is UnaryExpression { NodeType: ExpressionType.Convert } convert ? StripConvert(convert.Operand) : node;

    private static SqlExpression ValueOrColumn(SqlExpressionTranslator translator, Expression node, string storeType, Expression at)
    {
        if (!SqlExpressionTranslator.IsValue(node))
        {
            return translator.Translate(node).Sql;
        }

        var value = translator.Value(node, storeType);
        return value.Sql == SqlLiteralExpression.Null
            ? throw new QueryTranslationException(at, "the value is null.", "Pass a JSON text or a key.")
            : value.Sql;
    }

    // json -> $n: a member (text key) or an element (integer index).
    private static SqlValue Step(SqlExpressionTranslator translator, SqlValue operand, Expression key, string keyType)
    {
        if (!IsJson(operand))
        {
            throw new QueryTranslationException(key, "a JSON path must start at a jsonb column.");
        }

        var sql = SqlExpressionTranslator.IsValue(key)
            ? translator.Value(key, keyType).Sql
            : translator.Translate(key).Sql;
        if (sql == SqlLiteralExpression.Null)
        {
            throw new QueryTranslationException(key, "the member name is null; GetProperty would throw.");
        }

        return new SqlValue(new SqlBinaryExpression(SqlBinaryOperator.JsonGet, operand.Sql, sql), true, JsonValue);
    }

    // The last step of a path read as text (->>): a JSON string without its quotes, other values as their JSON text, JSON null as NULL.
    private static SqlExpression AsText(SqlValue operand, Expression at) => operand.Sql is SqlBinaryExpression { Operator: SqlBinaryOperator.JsonGet } step
        ? step with { Operator = SqlBinaryOperator.JsonGetText }
        : throw new QueryTranslationException(at, "only a member or element of a jsonb value can be read as a .NET value.",
            "Read a member: x.Json.RootElement's GetProperty(\"name\").GetString().");

    private static string? Cast(string method) => method switch
    {
        nameof(JsonElement.GetInt32) => "integer",
        nameof(JsonElement.GetInt64) => "bigint",
        nameof(JsonElement.GetInt16) => "smallint",
        nameof(JsonElement.GetDecimal) => "numeric",
        nameof(JsonElement.GetDouble) => "double precision",
        nameof(JsonElement.GetSingle) => "real",
        nameof(JsonElement.GetBoolean) => "boolean",
        nameof(JsonElement.GetGuid) => "uuid",
        _ => null,
    };
}
