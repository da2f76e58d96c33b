using Npgsql;
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

    /// <summary>The parameters of one execution: each slot resolved against the execution's values.</summary>
    public static NpgsqlParameter[] Bind(ParameterSlot[] slots, object?[] values)
    {
        if (slots.Length == 0)
        {
            return [];
        }

        var result = new NpgsqlParameter[slots.Length];
        for (var i = 0; i < result.Length; i++)
        {
            var slot = slots[i];
            var parameter = new NpgsqlParameter { Value = slot.Resolve(values) ?? DBNull.Value };
            if (slot.Type is { } type)
            {
                parameter.NpgsqlDbType = type;
            }

            result[i] = parameter;
        }

        return result;
    }
}
