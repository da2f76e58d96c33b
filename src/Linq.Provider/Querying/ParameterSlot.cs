using NpgsqlTypes;

namespace Linq.Querying;

/// <summary>One <c>$n</c> of a translated query: its value and, when known from the column it meets, its exact type.</summary>
internal readonly record struct ParameterSlot(object? Value, NpgsqlDbType? Type);
