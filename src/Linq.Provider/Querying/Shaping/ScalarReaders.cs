using System.Text.Json;
using Linq.Contract;

namespace Linq.Querying.Shaping;

/// <summary>Boxed readers of projected scalars in related-row JSON, one per CLR type (from the closed table of <see cref="ScalarType"/>).</summary>
internal static class ScalarReaders
{
    public delegate object? Read(ref Utf8JsonReader reader);

    public static Read For(Type type) => ScalarType.Get(Nullable.GetUnderlyingType(type) ?? type).ReadJson;
}
