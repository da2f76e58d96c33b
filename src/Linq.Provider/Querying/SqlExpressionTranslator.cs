using System.Linq.Expressions;
using Linq.Execution;
using Linq.Sql.Syntax;
using Remotion.Linq.Clauses.Expressions;
using BinaryExpression = System.Linq.Expressions.BinaryExpression;
using SqlBinary = Linq.Sql.Syntax.BinaryExpression;
using SqlUnary = Linq.Sql.Syntax.UnaryExpression;
using UnaryExpression = System.Linq.Expressions.UnaryExpression;

namespace Linq.Querying;

/// <summary>
/// Translates scalar and predicate expressions (after re-linq's partial evaluation) to SQL with C# semantics:
/// comparisons with null become <c>IS [NOT] NULL</c>, <c>!=</c> on nullable operands is <c>IS DISTINCT FROM</c>,
/// and <c>!</c> over something that may be NULL in SQL is <c>NOT COALESCE(…, FALSE)</c>, so results match
/// LINQ-to-Objects row for row.
/// </summary>
internal sealed class SqlExpressionTranslator(TranslationContext context)
{
    public SqlExpression TranslatePredicate(Expression expression) => Translate(expression).Sql;

    /// <summary>Whether the expression can be translated (used by projections to decide what runs in SQL).</summary>
    public bool TryTranslate(Expression expression, out SqlValue? value)
    {
        try
        {
            value = Translate(expression);
            return true;
        }
        catch (QueryTranslationException)
        {
            value = null;
            return false;
        }
    }

    public SqlValue Translate(Expression expression) => expression switch
    {
        BinaryExpression binary => Binary(binary),
        UnaryExpression unary => Unary(unary),
        ConstantExpression constant => Constant(constant.Value, null),
        MemberExpression member => Member(member),
        MethodCallExpression call => Call(call),
        ConditionalExpression conditional => Conditional(conditional),
        QuerySourceReferenceExpression reference => throw new QueryTranslationException(reference,
            "a whole row cannot be used as a value here.", "Compare a key property instead (e.g. x.Id == y.Id)."),
        PartialEvaluationExceptionExpression failed => throw new QueryTranslationException(failed.EvaluatedExpression,
            "evaluating it on the client threw: " + failed.Exception.Message),
        _ => throw new QueryTranslationException(expression, $"the expression type '{expression.NodeType}' is not supported."),
    };

    private SqlValue Constant(object? value, ColumnMetadataHint? hint)
    {
        if (value is null)
        {
            return new SqlValue(LiteralExpression.Null, true);
        }

        return new SqlValue(context.AddParameter(value, hint?.Type), false);
    }

    private SqlValue Member(MemberExpression member)
    {
        if (member.Expression is QuerySourceReferenceExpression reference)
        {
            var binding = context.Find(reference.ReferencedQuerySource)
                ?? throw new QueryTranslationException(member, "its source is not in scope.");
            var column = binding.Model.FindColumn(member.Member.Name)
                ?? throw new QueryTranslationException(member, binding.Model.FindRelation(member.Member.Name) is not null
                    ? $"'{member.Member.Name}' is a navigation; only mapped columns can be used here."
                    : $"'{member.Member.Name}' is not a mapped property of '{binding.Model.Name}'.");
            return new SqlValue(new ColumnExpression(binding.Alias, column.ColumnName), column.IsNullable, column);
        }

        if (member.Member.Name == "HasValue" && member.Expression is not null && Nullable.GetUnderlyingType(member.Expression.Type) is not null)
        {
            var operand = Translate(member.Expression);
            return new SqlValue(new IsNullExpression(operand.Sql, Negated: true), false);
        }

        if (member.Member.Name == "Value" && member.Expression is not null && Nullable.GetUnderlyingType(member.Expression.Type) is not null)
        {
            return Translate(member.Expression);
        }

        if (member.Member.Name == "Length" && member.Expression?.Type == typeof(string))
        {
            var operand = Translate(member.Expression);
            return new SqlValue(new FunctionExpression("char_length", operand.Sql), operand.MayBeNull);
        }

        throw new QueryTranslationException(member, $"the member '{member.Member.Name}' has no SQL translation.");
    }

    private SqlValue Binary(BinaryExpression binary)
    {
        switch (binary.NodeType)
        {
            case ExpressionType.AndAlso:
            case ExpressionType.And when binary.Type == typeof(bool):
            {
                var left = Translate(binary.Left);
                var right = Translate(binary.Right);
                return new SqlValue(new SqlBinary(BinaryOperator.And, left.Sql, right.Sql), left.MayBeNull || right.MayBeNull);
            }

            case ExpressionType.OrElse:
            case ExpressionType.Or when binary.Type == typeof(bool):
            {
                var left = Translate(binary.Left);
                var right = Translate(binary.Right);
                return new SqlValue(new SqlBinary(BinaryOperator.Or, left.Sql, right.Sql), left.MayBeNull || right.MayBeNull);
            }

            case ExpressionType.Equal:
            case ExpressionType.NotEqual:
                return Equality(binary);
            case ExpressionType.LessThan:
            case ExpressionType.LessThanOrEqual:
            case ExpressionType.GreaterThan:
            case ExpressionType.GreaterThanOrEqual:
                return Comparison(binary);
            case ExpressionType.Add when binary.Type == typeof(string):
            {
                var (left, right) = Operands(binary.Left, binary.Right);
                // concat() treats NULL as empty text, as C# string concatenation does.
                return new SqlValue(new FunctionExpression("concat", left.Sql, right.Sql), false);
            }

            case ExpressionType.Add:
            case ExpressionType.Subtract:
            case ExpressionType.Multiply:
            case ExpressionType.Divide:
            case ExpressionType.Modulo:
            {
                var (left, right) = Operands(binary.Left, binary.Right);
                var op = binary.NodeType switch
                {
                    ExpressionType.Add => BinaryOperator.Add,
                    ExpressionType.Subtract => BinaryOperator.Subtract,
                    ExpressionType.Multiply => BinaryOperator.Multiply,
                    ExpressionType.Divide => BinaryOperator.Divide,
                    _ => BinaryOperator.Modulo,
                };
                return new SqlValue(new SqlBinary(op, left.Sql, right.Sql), left.MayBeNull || right.MayBeNull);
            }

            case ExpressionType.Coalesce:
            {
                var (left, right) = Operands(binary.Left, binary.Right);
                return new SqlValue(new FunctionExpression("COALESCE", left.Sql, right.Sql), right.MayBeNull);
            }

            default:
                throw new QueryTranslationException(binary, $"the operator '{binary.NodeType}' is not supported.");
        }
    }

    private SqlValue Equality(BinaryExpression binary)
    {
        var equal = binary.NodeType == ExpressionType.Equal;
        var (left, right) = Operands(binary.Left, binary.Right);
        var leftNull = left.Sql == LiteralExpression.Null;
        var rightNull = right.Sql == LiteralExpression.Null;
        if (leftNull && rightNull)
        {
            return new SqlValue(equal ? LiteralExpression.True : LiteralExpression.False, false);
        }

        if (leftNull || rightNull)
        {
            return new SqlValue(new IsNullExpression(leftNull ? right.Sql : left.Sql, Negated: !equal), false);
        }

        if (equal)
        {
            // Both sides nullable: C# says null == null is true; '=' would say NULL.
            return left.MayBeNull && right.MayBeNull && !IsParameter(left) && !IsParameter(right)
                ? new SqlValue(new SqlBinary(BinaryOperator.IsNotDistinctFrom, left.Sql, right.Sql), false)
                : new SqlValue(new SqlBinary(BinaryOperator.Equal, left.Sql, right.Sql), left.MayBeNull || right.MayBeNull);
        }

        return left.MayBeNull || right.MayBeNull
            ? new SqlValue(new SqlBinary(BinaryOperator.IsDistinctFrom, left.Sql, right.Sql), false)
            : new SqlValue(new SqlBinary(BinaryOperator.NotEqual, left.Sql, right.Sql), false);
    }

    private static bool IsParameter(SqlValue value) => value.Sql is Sql.Syntax.ParameterExpression;

    private SqlValue Comparison(BinaryExpression binary)
    {
        var (left, right) = Operands(binary.Left, binary.Right);
        if (left.Sql == LiteralExpression.Null || right.Sql == LiteralExpression.Null)
        {
            // C#: a lifted comparison with null is false.
            return new SqlValue(LiteralExpression.False, false);
        }

        var op = binary.NodeType switch
        {
            ExpressionType.LessThan => BinaryOperator.LessThan,
            ExpressionType.LessThanOrEqual => BinaryOperator.LessThanOrEqual,
            ExpressionType.GreaterThan => BinaryOperator.GreaterThan,
            _ => BinaryOperator.GreaterThanOrEqual,
        };
        return new SqlValue(new SqlBinary(op, left.Sql, right.Sql), left.MayBeNull || right.MayBeNull);
    }

    // Translates two operands so that a constant meeting a column takes the column's exact type
    // (and an enum compared through its underlying integer becomes the enum again).
    private (SqlValue Left, SqlValue Right) Operands(Expression left, Expression right)
    {
        left = StripEnumConvert(left, out var leftEnum);
        right = StripEnumConvert(right, out var rightEnum);
        var leftValue = left is ConstantExpression ? null : Translate(left);
        var rightValue = right is ConstantExpression ? null : Translate(right);
        leftValue ??= ConstantFor((ConstantExpression)left, rightValue, rightEnum);
        rightValue ??= ConstantFor((ConstantExpression)right, leftValue, leftEnum);
        return (leftValue, rightValue);
    }

    private SqlValue ConstantFor(ConstantExpression constant, SqlValue? other, Type? enumType)
    {
        var value = constant.Value;
        if (enumType is not null && value is not null && !value.GetType().IsEnum)
        {
            value = Enum.ToObject(enumType, value);
        }

        var hint = other?.Column is { } column && StoreTypes.ToNpgsqlDbType(column.StoreType) is { } type ? new ColumnMetadataHint(type) : null;
        return Constant(value, hint);
    }

    // C# compares enums as their underlying integers: (int)u.Role == 1. Undo that so the parameter is the enum.
    private static Expression StripEnumConvert(Expression expression, out Type? enumType)
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

    private SqlValue Unary(UnaryExpression unary)
    {
        switch (unary.NodeType)
        {
            case ExpressionType.Not when unary.Type == typeof(bool) || unary.Type == typeof(bool?):
            {
                var operand = Translate(unary.Operand);
                var inner = operand.MayBeNull ? new FunctionExpression("COALESCE", operand.Sql, LiteralExpression.False) : operand.Sql;
                return new SqlValue(new SqlUnary(UnaryOperator.Not, inner), false);
            }

            case ExpressionType.Negate:
            {
                var operand = Translate(unary.Operand);
                return new SqlValue(new SqlUnary(UnaryOperator.Negate, operand.Sql), operand.MayBeNull);
            }

            case ExpressionType.Convert:
            case ExpressionType.ConvertChecked:
            case ExpressionType.Quote:
                return Translate(unary.Operand);
            default:
                throw new QueryTranslationException(unary, $"the operator '{unary.NodeType}' is not supported.");
        }
    }

    private SqlValue Conditional(ConditionalExpression conditional)
    {
        var test = Translate(conditional.Test);
        var whenTrue = Translate(conditional.IfTrue);
        var whenFalse = Translate(conditional.IfFalse);
        return new SqlValue(new CaseExpression([new CaseWhen(test.Sql, whenTrue.Sql)], whenFalse.Sql), whenTrue.MayBeNull || whenFalse.MayBeNull);
    }

    private SqlValue Call(MethodCallExpression call)
    {
        if (call.Method.DeclaringType == typeof(string) && call.Object is not null)
        {
            switch (call.Method.Name)
            {
                case nameof(string.StartsWith) or nameof(string.EndsWith) or nameof(string.Contains)
                    when call.Arguments.Count == 1 && call.Arguments[0] is ConstantExpression { Value: string text }:
                {
                    var target = Translate(call.Object);
                    var escaped = LikePattern.Escape(text);
                    var pattern = call.Method.Name switch
                    {
                        nameof(string.StartsWith) => escaped + "%",
                        nameof(string.EndsWith) => "%" + escaped,
                        _ => "%" + escaped + "%",
                    };
                    return new SqlValue(new LikeExpression(target.Sql, context.AddParameter(pattern, NpgsqlTypes.NpgsqlDbType.Text)), target.MayBeNull);
                }

                case nameof(string.ToLower) or nameof(string.ToLowerInvariant) when call.Arguments.Count == 0:
                {
                    var target = Translate(call.Object);
                    return new SqlValue(new FunctionExpression("lower", target.Sql), target.MayBeNull, target.Column);
                }

                case nameof(string.ToUpper) or nameof(string.ToUpperInvariant) when call.Arguments.Count == 0:
                {
                    var target = Translate(call.Object);
                    return new SqlValue(new FunctionExpression("upper", target.Sql), target.MayBeNull, target.Column);
                }
            }
        }

        throw new QueryTranslationException(call, $"the method '{call.Method.DeclaringType?.Name}.{call.Method.Name}' has no SQL translation.");
    }

    private sealed record ColumnMetadataHint(NpgsqlTypes.NpgsqlDbType Type);
}
