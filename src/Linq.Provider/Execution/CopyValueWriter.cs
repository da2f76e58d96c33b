using System.Collections.Concurrent;
using System.Reflection;
using Npgsql;
using NpgsqlTypes;

namespace Linq.Execution;

/// <summary>
/// Writes one collected (boxed) value to a binary COPY as its column's exact CLR type. Npgsql resolves the type of a
/// value written as <c>object</c> on every call; unboxing to the column's type first keeps it on the typed path.
/// One delegate per CLR column type, built once (over the column's value type, not over model types).
/// </summary>
internal static class CopyValueWriter
{
    private static readonly ConcurrentDictionary<Type, Func<NpgsqlBinaryImporter, object, NpgsqlDbType?, CancellationToken, Task>> Writers = new();

    public static Func<NpgsqlBinaryImporter, object, NpgsqlDbType?, CancellationToken, Task> For(Type clrType) =>
        Writers.GetOrAdd(Nullable.GetUnderlyingType(clrType) ?? clrType, static type =>
            typeof(CopyValueWriter).GetMethod(nameof(Write), BindingFlags.NonPublic | BindingFlags.Static)!
                .MakeGenericMethod(type)
                .CreateDelegate<Func<NpgsqlBinaryImporter, object, NpgsqlDbType?, CancellationToken, Task>>());

    private static Task Write<T>(NpgsqlBinaryImporter importer, object value, NpgsqlDbType? type, CancellationToken cancellationToken) =>
        type is { } known ? importer.WriteAsync((T)value, known, cancellationToken) : importer.WriteAsync((T)value, cancellationToken);
}
