using System.Linq.Expressions;
using Linq.Sql.Syntax;

namespace Linq.Querying.Expressions.Numbers;

/// <summary>
/// <c>Math</c> methods with .NET's results: Abs, Floor, Ceiling, Truncate, Sign, Min, Max, Sqrt, Pow, Exp, Log, Log10
/// and every Round overload (see <see cref="Rounding"/>). The floating point functions are the C library's on both
/// sides (PostgreSQL's float8 functions call libm as .NET does); where .NET returns NaN or an infinity PostgreSQL
/// raises an error instead (sqrt(-1), ln(0), overflow), which is documented rather than hidden.
/// </summary>
internal static class MathTranslator
{
    public static bool Handles(MethodCallExpression call) => call.Method.DeclaringType == typeof(Math);

    public static SqlValue Translate(SqlExpressionTranslator translator, MethodCallExpression call)
    {
        var name = call.Method.Name;
        var args = call.Arguments;
        switch (name)
        {
            case nameof(Math.Round):
                return Rounding.Round(translator, call);
            case nameof(Math.Min) or nameof(Math.Max) when args.Count == 2:
            {
                var (left, right) = translator.Operands(args[0], args[1]);
                var function = name == nameof(Math.Min) ? "LEAST" : "GREATEST";
                return new SqlValue(new SqlFunctionExpression(function, left.Sql, right.Sql), left.MayBeNull || right.MayBeNull);
            }

            case nameof(Math.Pow) when args.Count == 2:
            {
                var (x, y) = translator.Operands(args[0], args[1]);
                return new SqlValue(new SqlFunctionExpression("power", x.Sql, y.Sql), x.MayBeNull || y.MayBeNull);
            }

            case nameof(Math.Sign) when args.Count == 1:
            {
                // sign() returns the operand's type; Math.Sign returns int.
                var operand = translator.Translate(args[0]);
                return new SqlValue(new SqlCastExpression(new SqlFunctionExpression("sign", operand.Sql), "integer"), operand.MayBeNull);
            }

            case nameof(Math.Log) when args.Count == 1:
                return Unary(translator, args[0], "ln");
            case nameof(Math.Abs) or nameof(Math.Floor) or nameof(Math.Ceiling) or nameof(Math.Truncate) or nameof(Math.Sqrt)
                or nameof(Math.Exp) or nameof(Math.Log10) when args.Count == 1:
                return Unary(translator, args[0], name switch
                {
                    nameof(Math.Abs) => "abs",
                    nameof(Math.Floor) => "floor",
                    nameof(Math.Ceiling) => "ceil",
                    nameof(Math.Truncate) => "trunc",
                    nameof(Math.Sqrt) => "sqrt",
                    nameof(Math.Exp) => "exp",
                    _ => "log",
                });
            default:
                throw new QueryTranslationException(call, $"the method 'Math.{name}' with these arguments has no SQL translation.",
                    "Supported: Abs, Floor, Ceiling, Truncate, Round, Sign, Min, Max, Sqrt, Pow, Exp, Log(x), Log10.");
        }
    }

    private static SqlValue Unary(SqlExpressionTranslator translator, Expression argument, string function)
    {
        var operand = translator.Translate(argument);
        return new SqlValue(new SqlFunctionExpression(function, operand.Sql), operand.MayBeNull);
    }
}
