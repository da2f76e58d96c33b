using Linq.Contract;
using Npgsql;
using NpgsqlTypes;

namespace Linq.Execution;

/// <summary>
/// Writes one collected (boxed) value to a binary COPY as its column's exact CLR type. Npgsql resolves the type of a
/// value written as <c>object</c> on every call; unboxing to the column's type first keeps it on the typed path.
/// One writer per CLR column type (over the column's value type, not over model types), from <see cref="ScalarType"/>.
/// </summary>
internal static class CopyValueWriter
{
    public static Func<NpgsqlBinaryImporter, object, NpgsqlDbType?, CancellationToken, Task> For(Type clrType) =>
        ScalarType.Get(Nullable.GetUnderlyingType(clrType) ?? clrType).WriteCopyAsync;
}
