using System.Linq.Expressions;
using Linq.Querying.Expressions.Dates;
using Linq.Querying.Expressions.Numbers;
using Linq.Querying.Expressions.Strings;
using Linq.Sql.Syntax;

namespace Linq.Querying.Expressions;

internal sealed partial class SqlExpressionTranslator
{
    private StringTranslator? _strings;

    // Method calls go to their area's translator; what belongs to no area (Equals, GetValueOrDefault) is here.
    private SqlValue Call(MethodCallExpression call)
    {
        var method = call.Method;
        if (method.DeclaringType == typeof(string))
        {
            return (_strings ??= new StringTranslator(this)).Call(call);
        }

        if (method.DeclaringType == typeof(Pg) || method.DeclaringType == typeof(System.Text.Json.JsonElement))
        {
            return PostgresCall(call);
        }

        if (ObjectEquality.Handles(call))
        {
            return ObjectEquality.Translate(this, call);
        }

        if (method.Name == nameof(Nullable<int>.GetValueOrDefault) && call.Object is not null && Nullable.GetUnderlyingType(call.Object.Type) is { } underlying)
        {
            var operand = Translate(call.Object);
            var fallback = call.Arguments.Count == 1
                ? Translate(call.Arguments[0]).Sql
                : Value(Expression.Constant(Contract.ScalarType.Get(underlying).DefaultValue), SqlExpressionTranslator.TypeOf(operand)).Sql;
            return new SqlValue(new SqlFunctionExpression("COALESCE", operand.Sql, fallback), false);
        }

        if (method.Name == nameof(ToString) && call.Object is not null && call.Arguments.Count == 0)
        {
            var target = call.Object is UnaryExpression { NodeType: ExpressionType.Convert } boxed && boxed.Operand.Type.IsValueType ? boxed.Operand : call.Object;
            return ValueText.ToText(this, target, call);
        }

        if (method.DeclaringType == typeof(DateOnly) && method.Name == nameof(DateOnly.FromDateTime) && call.Arguments.Count == 1)
        {
            return DateTranslator.FromDateTime(Translate(call.Arguments[0]));
        }

        if (DateFormat.Handles(call))
        {
            return DateFormat.Translate(this, call);
        }

        if (DateArithmetic.Handles(call))
        {
            return DateArithmetic.Translate(this, call);
        }

        if (MathTranslator.Handles(call))
        {
            return MathTranslator.Translate(this, call);
        }

        throw new QueryTranslationException(call, $"the method '{method.DeclaringType?.Name}.{method.Name}' has no SQL translation.", UntranslatedAdvice.For(method));
    }
}
