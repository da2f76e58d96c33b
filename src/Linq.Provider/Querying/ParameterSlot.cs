using NpgsqlTypes;

namespace Linq.Querying;

/// <summary>
/// One <c>$n</c> of a compiled query: where its value comes from (an index into the execution's extracted
/// values, or a constant fixed in the plan), an optional conversion (LIKE escaping, list to array, integer
/// to enum) and, when known from the column it meets, its exact type.
/// </summary>
internal sealed record ParameterSlot(int Source, object? Constant, Func<object?, object?>? Transform, NpgsqlDbType? Type)
{
    public object? Resolve(object?[] values)
    {
        var value = Source >= 0 ? values[Source] : Constant;
        return Transform is null || value is null ? value : Transform(value);
    }
}
