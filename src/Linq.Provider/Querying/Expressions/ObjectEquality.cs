using System.Linq.Expressions;
using Linq.Querying.Expressions.Enums;

namespace Linq.Querying.Expressions;

/// <summary>
/// <c>object.Equals(a, b)</c> and <c>a.Equals(b)</c> with C#'s meaning: null equals null (<c>IS NOT DISTINCT FROM</c>, or
/// <c>IS NULL</c> against a null value), a nullable receiver without a value equals only null, and values of two
/// different types never equal (a boxed <c>long</c> is not a boxed <c>int</c>, an enum is not its number). The boxing
/// C# adds for the object overloads is stripped; a value that is itself an <c>object</c> (a boxed captured value) is
/// sent as the other side's type and checked to be of it at every execution, so a plan never compares across types.
/// Operands of two different static types, and arrays and JSON documents (reference equality in C#), are refused
/// before any SQL.
/// </summary>
internal static class ObjectEquality
{
    public static bool Handles(MethodCallExpression call) =>
        call.Method.Name == nameof(object.Equals)
        && ((call.Object is not null && call.Arguments.Count == 1) || (call.Object is null && call.Method.DeclaringType == typeof(object) && call.Arguments.Count == 2));

    public static SqlValue Translate(SqlExpressionTranslator translator, MethodCallExpression call)
    {
        var (left, right) = call.Object is null ? (call.Arguments[0], call.Arguments[1]) : (call.Object, call.Arguments[0]);
        left = Unboxed(left);
        right = Unboxed(right);
        if (right.Type == typeof(object) && left.Type != typeof(object) && SqlExpressionTranslator.IsValue(right))
        {
            (left, right) = Typed(translator, call, left, right);
        }
        else if (left.Type == typeof(object) && right.Type != typeof(object) && SqlExpressionTranslator.IsValue(left))
        {
            (right, left) = Typed(translator, call, right, left);
        }

        if (Underlying(left.Type) != Underlying(right.Type))
        {
            throw new QueryTranslationException(call, $"Equals compares a '{Underlying(left.Type).Name}' with a '{Underlying(right.Type).Name}': in C# values of two types are never equal.",
                "Compare with == (null == null holds, as in object.Equals), converting one side to the other's type.");
        }

        if (left.Type.IsArray || left.Type == typeof(System.Text.Json.JsonDocument))
        {
            // Equals of an array or a document is reference equality in C#; SQL would compare the values.
            throw new QueryTranslationException(call, $"Equals of a '{left.Type.Name}' compares references in C#, which rows read from SQL never share.",
                "Compare the elements or members you mean (Pg.Contains, Pg.JsonContains, or an element with ==).");
        }

        return translator.Equality(left, right, equal: true, call);
    }

    // The boxing of Equals(object) and object.Equals(object, object): Convert(x, object).
    private static Expression Unboxed(Expression expression) =>
        expression is UnaryExpression { NodeType: ExpressionType.Convert, Operand: var operand } convert && convert.Type == typeof(object) ? operand : expression;

    private static Type Underlying(Type type) => Nullable.GetUnderlyingType(type) ?? type;

    // A boxed value meeting a typed operand: sent as the operand's type (an enum as the column holds it); a value of
    // another type makes C#'s Equals false, which the plan (shared by every value of the shape) cannot say: refused.
    private static (Expression Typed, Expression Value) Typed(SqlExpressionTranslator translator, MethodCallExpression call, Expression typed, Expression value)
    {
        var expected = Underlying(typed.Type);
        var sql = translator.Translate(typed);
        Func<object?, object?> check = v => v is null || v.GetType() == expected ? v
            : throw new QueryTranslationException(call, $"Equals compares a '{expected.Name}' with a '{v.GetType().Name}': in C# values of two types are never equal.",
                "Compare with == (null == null holds, as in object.Equals), converting one side to the other's type.");
        var transform = check;
        var valueType = expected;
        if (EnumValues.Transform(expected.IsEnum ? expected : null, translator.Context.Model) is var (toEnum, enumValueType))
        {
            transform = v => toEnum(check(v));
            valueType = enumValueType;
        }

        var parameter = translator.Value(value, SqlExpressionTranslator.TypeOf(sql), transform, valueType);
        return (new TranslatedValueExpression(sql, typed.Type), new TranslatedValueExpression(parameter, typed.Type));
    }
}
