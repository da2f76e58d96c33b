using System.Linq.Expressions;
using System.Reflection;

namespace Linq.Querying.Caching;

/// <summary>
/// Computes the value of a parameter sub-tree. Constants and member chains over closures (the common
/// case) are read directly; anything else is interpreted, which is slower but still never compiles IL.
/// </summary>
internal static class Evaluator
{
    public static object? Evaluate(Expression node)
    {
        try
        {
            return node switch
            {
                ConstantExpression constant => constant.Value,
                MemberExpression { Member: FieldInfo field } member => field.GetValue(member.Expression is null ? null : Evaluate(member.Expression)),
                MemberExpression { Member: PropertyInfo property } member => property.GetValue(member.Expression is null ? null : Evaluate(member.Expression)),
                UnaryExpression { NodeType: ExpressionType.Convert, Method: null } convert when IsBoxingCompatible(convert) => Evaluate(convert.Operand),
                _ => Expression.Lambda<Func<object?>>(Expression.Convert(node, typeof(object))).Compile(preferInterpretation: true)(),
            };
        }
        catch (TargetInvocationException ex) when (ex.InnerException is not null)
        {
            throw new QueryTranslationException(node, "evaluating it on the client threw " + ex.InnerException.GetType().Name + ": " + ex.InnerException.Message);
        }
        catch (Exception ex) when (ex is NullReferenceException or InvalidOperationException or ArgumentException or IndexOutOfRangeException or InvalidCastException or TargetException)
        {
            throw new QueryTranslationException(node, "evaluating it on the client threw " + ex.GetType().Name + ": " + ex.Message);
        }
    }

    // A conversion to a nullable of the same type or to object leaves the boxed value as it is.
    private static bool IsBoxingCompatible(UnaryExpression convert) =>
        Nullable.GetUnderlyingType(convert.Type) == convert.Operand.Type || convert.Type == typeof(object);
}
