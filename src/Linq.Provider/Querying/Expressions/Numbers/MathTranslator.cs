using System.Linq.Expressions;
using Linq.Sql.Syntax;

namespace Linq.Querying.Expressions.Numbers;

/// <summary><c>Math.Abs</c>, <c>Floor</c>, <c>Ceiling</c>, <c>Sqrt</c> and <c>Round</c> (half to even, as .NET rounds) over one value.</summary>
internal static class MathTranslator
{
    public static bool Handles(MethodCallExpression call) =>
        call.Method.DeclaringType == typeof(Math) && call.Arguments.Count == 1 && call.Method.Name is "Abs" or "Floor" or "Ceiling" or "Round" or "Sqrt";

    public static SqlValue Translate(SqlExpressionTranslator translator, MethodCallExpression call)
    {
        var operand = translator.Translate(call.Arguments[0]);
        if (call.Method.Name == "Round")
        {
            return RoundHalfToEven(call, operand);
        }

        var function = call.Method.Name switch { "Abs" => "abs", "Floor" => "floor", "Ceiling" => "ceil", _ => "sqrt" };
        return new SqlValue(new SqlFunctionExpression(function, operand.Sql), operand.MayBeNull);
    }

    // .NET's Math.Round(x) rounds half to even; PostgreSQL's round() rounds half away from zero. Ties go to the even neighbour here.
    private static SqlValue RoundHalfToEven(MethodCallExpression call, SqlValue operand)
    {
        if (call.Arguments[0].Type != typeof(decimal))
        {
            throw new QueryTranslationException(call, "Math.Round on floating point values cannot be reproduced exactly in SQL.", "Round a decimal value, or round after reading.");
        }

        var x = operand.Sql;
        var isTie = new SqlBinaryExpression(SqlBinaryOperator.Equal, new SqlFunctionExpression("abs", new SqlBinaryExpression(SqlBinaryOperator.Subtract, x, new SqlFunctionExpression("trunc", x))),
            new SqlCastExpression(SqlLiteralExpression.Quoted("0.5"), "numeric"));
        var even = new SqlBinaryExpression(SqlBinaryOperator.Multiply, SqlLiteralExpression.Integer(2),
            new SqlFunctionExpression("round", new SqlBinaryExpression(SqlBinaryOperator.Divide, x, SqlLiteralExpression.Integer(2))));
        return new SqlValue(new SqlCaseExpression([new SqlCaseWhen(isTie, even)], new SqlFunctionExpression("round", x)), operand.MayBeNull);
    }
}
