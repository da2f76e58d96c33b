using System.Linq.Expressions;
using Linq.Contract;

namespace Linq.Querying.Shaping;

/// <summary>Typed column reads used by compiled projection shapers (no boxing), from the closed table of <see cref="ScalarType"/>.</summary>
internal static class ValueReader
{
    /// <summary>Reads column <paramref name="ordinal"/> as <paramref name="type"/>: NULL becomes null for nullable and reference types.</summary>
    public static Expression Read(Expression reader, int ordinal, Type type) => ScalarType.Get(type).Read(reader, ordinal);
}
