using System.Linq.Expressions;
using Linq.Contract;

namespace Linq.Querying.Expressions.Enums;

/// <summary>
/// Enums compared through their underlying integer (C# writes <c>(int)u.Role == 1</c>) are compared as the enum again,
/// and a value meeting one is sent as the column holds it: the enum itself for a <c>[DbEnum]</c> (Npgsql writes its
/// label), its number for an enum that is an integer in SQL (DayOfWeek from a date part).
/// </summary>
internal static class EnumValues
{
    /// <summary>The operand of a conversion from an enum (and the enum type), or the expression itself.</summary>
    public static Expression StripConvert(Expression expression, out Type? enumType)
    {
        enumType = null;
        if (expression is UnaryExpression { NodeType: ExpressionType.Convert } convert)
        {
            var operandType = Nullable.GetUnderlyingType(convert.Operand.Type) ?? convert.Operand.Type;
            if (operandType.IsEnum)
            {
                enumType = operandType;
                return convert.Operand;
            }
        }

        return expression;
    }

    /// <summary>
    /// How a value compared with an enum of <paramref name="enumType"/> is sent, and the type it is sent as; null when
    /// it is no enum.
    /// </summary>
    public static (Func<object?, object?> Transform, Type ValueType)? Transform(Type? enumType, DatabaseModel model)
    {
        if (enumType is not null && model.Enums.Any(e => e.ClrType == enumType))
        {
            // A [DbEnum] column: send the enum itself, Npgsql writes its label.
            return (v => v is null || v.GetType().IsEnum ? v : Enum.ToObject(enumType, v), enumType);
        }

        if (enumType is not null)
        {
            // An enum that is an integer in SQL (DayOfWeek from a date part): send its number.
            var underlying = Enum.GetUnderlyingType(enumType);
            return (v => v is null ? null : System.Convert.ChangeType(v, underlying, System.Globalization.CultureInfo.InvariantCulture), underlying);
        }

        return null;
    }
}
