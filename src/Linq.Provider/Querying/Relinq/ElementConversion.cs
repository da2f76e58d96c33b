using System.Linq.Expressions;
using Linq.Querying.Model;
using Remotion.Linq.Clauses.ResultOperators;
using ResultOperatorBase = Remotion.Linq.Clauses.ResultOperatorBase;

namespace Linq.Querying.Relinq;

/// <summary>
/// <c>Cast&lt;T&gt;()</c> and <c>OfType&lt;T&gt;()</c> as C# runs them over the selected values: both box each value and
/// unbox (or cast) it as <c>T</c>. To the same type, to <c>object</c> or to the value's own nullable type that changes
/// nothing SQL computes, so the selector is only converted. <c>Cast</c> to anything else (<c>Cast&lt;long&gt;()</c> of
/// ints) is an unboxing conversion that throws <see cref="InvalidCastException"/> for every value in C#: the selector
/// keeps it, SQL does not translate it, and the final projection runs it on the client, so it throws exactly when
/// LINQ-to-Objects does (an empty result does not). <c>OfType</c> drops nulls (a WHERE); to an unrelated type it is
/// refused, as it would drop every row.
/// </summary>
internal sealed class ElementConversion
{
    private readonly Type _type;
    private readonly bool _ofType;

    private ElementConversion(Type type, bool ofType) => (_type, _ofType) = (type, ofType);

    public static ElementConversion? Of(ResultOperatorBase op) => op switch
    {
        CastResultOperator cast => new ElementConversion(cast.CastItemType, ofType: false),
        OfTypeResultOperator ofType => new ElementConversion(ofType.SearchedItemType, ofType: true),
        _ => null,
    };

    /// <summary>The selector of the converted values; a filter of <c>OfType</c> joins <paramref name="clauses"/>.</summary>
    public Expression Apply(Expression selector, List<QueryClause> clauses, IReadOnlyList<QueryOperator> operators)
    {
        var type = selector.Type;
        var underlying = Nullable.GetUnderlyingType(type);
        var sameValue = _type == type || _type == typeof(object) || (type.IsValueType && underlying is null && Nullable.GetUnderlyingType(_type) == type);
        if (!_ofType)
        {
            return _type == type ? selector
                : sameValue ? Expression.Convert(selector, _type)
                : Expression.Convert(Expression.Convert(selector, typeof(object)), _type);
        }

        if (!sameValue && _type != underlying)
        {
            throw new QueryTranslationException(null, $"OfType<{_type.Name}>() over values of type '{type.Name}' keeps none of them (the model has no inheritance).",
                "Select the value you need, converted: Select(x => (T)x).");
        }

        // A row of the query is never null; a value of a reference or nullable type may be, and OfType drops it.
        var mayBeNull = (!type.IsValueType || underlying is not null) && selector is not QuerySourceExpression;
        if (mayBeNull)
        {
            if (operators.Count > 0)
            {
                throw new QueryTranslationException(null, $"OfType<{_type.Name}>() after {operators[^1]} is not supported.",
                    "Filter the nulls before paging: Where(x => x.Value != null) before Skip/Take/Distinct.");
            }

            clauses.Add(new WhereClause(Expression.NotEqual(selector, Expression.Constant(null, type))));
        }

        return _type == type ? selector : Expression.Convert(selector, _type);
    }
}
