using System.Linq.Expressions;
using Linq.Sql.Syntax;
using NpgsqlTypes;

namespace Linq.Querying;

internal sealed partial class SqlExpressionTranslator
{
    private SqlValue Call(MethodCallExpression call)
    {
        var method = call.Method;
        if (method.DeclaringType == typeof(string))
        {
            return StringCall(call);
        }

        if (method.Name == nameof(object.Equals) && call.Object is not null && call.Arguments.Count == 1)
        {
            return Equality(call.Object, call.Arguments[0], equal: true, call);
        }

        if (method.Name == nameof(Nullable<int>.GetValueOrDefault) && call.Object is not null && Nullable.GetUnderlyingType(call.Object.Type) is { } underlying)
        {
            var operand = Translate(call.Object);
            var fallback = call.Arguments.Count == 1
                ? Translate(call.Arguments[0]).Sql
                : Value(Expression.Constant(Modeling.ScalarType.Get(underlying).DefaultValue), SqlExpressionTranslator.TypeOf(operand)).Sql;
            return new SqlValue(new SqlFunctionExpression("COALESCE", operand.Sql, fallback), false);
        }

        if (method.DeclaringType == typeof(Math) && call.Arguments.Count == 1 && method.Name is "Abs" or "Floor" or "Ceiling" or "Round" or "Sqrt")
        {
            var operand = Translate(call.Arguments[0]);
            if (method.Name == "Round")
            {
                return RoundHalfToEven(call, operand);
            }

            var function = method.Name switch { "Abs" => "abs", "Floor" => "floor", "Ceiling" => "ceil", _ => "sqrt" };
            return new SqlValue(new SqlFunctionExpression(function, operand.Sql), operand.MayBeNull);
        }

        throw new QueryTranslationException(call, $"the method '{method.DeclaringType?.Name}.{method.Name}' has no SQL translation.");
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

    private SqlValue StringCall(MethodCallExpression call)
    {
        var name = call.Method.Name;
        var args = call.Arguments;
        switch (name)
        {
            case nameof(string.StartsWith) or nameof(string.EndsWith) or nameof(string.Contains) when call.Object is not null && args.Count is 1 or 2
                && args[0].Type == typeof(string):
                return Like(call, call.Object, args[0], name, IgnoreCase(call, args.Count == 2 ? args[1] : null));
            case nameof(string.Equals) when call.Object is not null && args.Count is 1 or 2 && args[0].Type == typeof(string):
                return StringEquals(call, call.Object, args[0], args.Count == 2 ? args[1] : null);
            case nameof(string.Equals) when call.Object is null && args.Count is 2 or 3:
                return StringEquals(call, args[0], args[1], args.Count == 3 ? args[2] : null);
            case nameof(string.IsNullOrEmpty) when call.Object is null:
            {
                var operand = Translate(args[0]);
                return new SqlValue(new SqlBinaryExpression(SqlBinaryOperator.Or, new SqlIsNullExpression(operand.Sql),
                    new SqlBinaryExpression(SqlBinaryOperator.Equal, operand.Sql, SqlLiteralExpression.Quoted(""))), false);
            }

            case nameof(string.IsNullOrWhiteSpace) when call.Object is null:
            {
                var operand = Translate(args[0]);
                var trimmed = new SqlFunctionExpression("btrim", operand.Sql, SqlLiteralExpression.Quoted(" \t\n\r\v\f"));
                return new SqlValue(new SqlBinaryExpression(SqlBinaryOperator.Or, new SqlIsNullExpression(operand.Sql),
                    new SqlBinaryExpression(SqlBinaryOperator.Equal, trimmed, SqlLiteralExpression.Quoted(""))), false);
            }

            case nameof(string.ToLower) or nameof(string.ToLowerInvariant) when args.Count == 0:
                return Function(call, "lower");
            case nameof(string.ToUpper) or nameof(string.ToUpperInvariant) when args.Count == 0:
                return Function(call, "upper");
            case nameof(string.Trim) when args.Count == 0:
                return Function(call, "btrim");
            case nameof(string.TrimStart) when args.Count == 0:
                return Function(call, "ltrim");
            case nameof(string.TrimEnd) when args.Count == 0:
                return Function(call, "rtrim");
            case nameof(string.Substring) when call.Object is not null && args.Count is 1 or 2:
            {
                var target = Translate(call.Object);
                var start = new SqlBinaryExpression(SqlBinaryOperator.Add, Translate(args[0]).Sql, SqlLiteralExpression.Integer(1));
                SqlExpression sql = args.Count == 1
                    ? new SqlFunctionExpression("substr", target.Sql, start)
                    : new SqlFunctionExpression("substr", target.Sql, start, Translate(args[1]).Sql);
                return new SqlValue(sql, target.MayBeNull);
            }

            case nameof(string.Replace) when call.Object is not null && args.Count == 2 && args[0].Type == typeof(string):
            {
                var target = Translate(call.Object);
                return new SqlValue(new SqlFunctionExpression("replace", target.Sql, Translate(args[0]).Sql, Translate(args[1]).Sql), target.MayBeNull);
            }

            case nameof(string.Concat) when call.Object is null && args.All(a => a.Type == typeof(string)):
                return new SqlValue(new SqlFunctionExpression("concat", args.Select(a => Translate(a).Sql).ToArray()), false);
            default:
                throw new QueryTranslationException(call, $"the method 'string.{name}' with these arguments has no SQL translation.");
        }
    }

    private SqlValue Function(MethodCallExpression call, string function)
    {
        var target = Translate(call.Object!);
        return new SqlValue(new SqlFunctionExpression(function, target.Sql), target.MayBeNull, target.Column);
    }

    private static bool IgnoreCase(MethodCallExpression call, Expression? comparison)
    {
        if (comparison is null)
        {
            return false;
        }

        if (comparison is not ConstantExpression { Value: StringComparison value })
        {
            throw new QueryTranslationException(call, "the StringComparison must be a constant.", "Write StringComparison.OrdinalIgnoreCase (or Ordinal) in the query.");
        }

        return value switch
        {
            StringComparison.Ordinal => false,
            StringComparison.OrdinalIgnoreCase or StringComparison.InvariantCultureIgnoreCase or StringComparison.CurrentCultureIgnoreCase => true,
            _ => throw new QueryTranslationException(call, $"StringComparison.{value} has no SQL equivalent.", "Use Ordinal or OrdinalIgnoreCase."),
        };
    }

    // StartsWith/EndsWith/Contains: LIKE with the value escaped so %, _ and \ match themselves; ILIKE when case-insensitive.
    private SqlValue Like(MethodCallExpression call, Expression target, Expression argument, string kind, bool ignoreCase)
    {
        var subject = Translate(target);
        if (IsValue(argument))
        {
            if (PeekValue(argument) is null)
            {
                throw new QueryTranslationException(call, "the argument is null; string." + kind + " would throw.");
            }

            Func<object?, object?> pattern = kind switch
            {
                nameof(string.StartsWith) => v => LikePattern.Escape((string)v!) + "%",
                nameof(string.EndsWith) => v => "%" + LikePattern.Escape((string)v!),
                _ => v => "%" + LikePattern.Escape((string)v!) + "%",
            };
            var parameter = Value(argument, NpgsqlDbType.Text, pattern);
            return new SqlValue(new SqlLikeExpression(subject.Sql, parameter.Sql, ignoreCase), subject.MayBeNull);
        }

        // The argument is itself a column: compare with string functions, no pattern involved.
        var other = Translate(argument);
        var (a, b) = ignoreCase
            ? ((SqlExpression)new SqlFunctionExpression("lower", subject.Sql), (SqlExpression)new SqlFunctionExpression("lower", other.Sql))
            : (subject.Sql, other.Sql);
        SqlExpression sql = kind switch
        {
            nameof(string.StartsWith) => new SqlFunctionExpression("starts_with", a, b),
            nameof(string.EndsWith) => new SqlBinaryExpression(SqlBinaryOperator.Equal, new SqlFunctionExpression("right", a, new SqlFunctionExpression("char_length", b)), b),
            _ => new SqlBinaryExpression(SqlBinaryOperator.GreaterThan, new SqlFunctionExpression("strpos", a, b), SqlLiteralExpression.Integer(0)),
        };
        return new SqlValue(sql, subject.MayBeNull || other.MayBeNull);
    }

    private SqlValue StringEquals(MethodCallExpression call, Expression left, Expression right, Expression? comparison)
    {
        if (!IgnoreCase(call, comparison))
        {
            return Equality(left, right, equal: true, call);
        }

        var (l, r) = Operands(left, right);
        if (l.Sql == SqlLiteralExpression.Null || r.Sql == SqlLiteralExpression.Null)
        {
            return Equality(left, right, equal: true, call);
        }

        var lower = new SqlBinaryExpression(SqlBinaryOperator.Equal, new SqlFunctionExpression("lower", l.Sql), new SqlFunctionExpression("lower", r.Sql));
        if (l.MayBeNull && r.MayBeNull)
        {
            var bothNull = new SqlBinaryExpression(SqlBinaryOperator.And, new SqlIsNullExpression(l.Sql), new SqlIsNullExpression(r.Sql));
            return new SqlValue(new SqlBinaryExpression(SqlBinaryOperator.Or, TwoValued(new SqlValue(lower, true)), bothNull), false);
        }

        return new SqlValue(lower, l.MayBeNull || r.MayBeNull);
    }
}
