using System.ComponentModel;
using Linq.RawSql;

namespace Linq.Contract;

/// <summary>
/// Where generated code registers the raw-SQL reader of each <c>[Model]</c> and <c>[SqlResult]</c> type, from a
/// module initializer of the assembly that declares it. <c>QueryRawAsync&lt;T&gt;</c> finds it there without
/// reflection.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class SqlResultRegistry
{
    /// <summary>Registers the reader of <typeparamref name="T"/>; the factory runs once, at its first raw query.</summary>
    public static void Register<T>(Func<SqlResultShape<T>> shape)
    {
        ArgumentNullException.ThrowIfNull(shape);
        RawRowReaders<T>.Register(shape);
    }
}
