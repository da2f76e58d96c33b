using System.ComponentModel;

namespace Linq.Contract;

/// <summary>
/// Where generated code registers the raw-SQL reader of each <c>[Model]</c> and <c>[SqlResult]</c> type, from a
/// module initializer of the assembly that declares it. <c>QueryRawAsync&lt;T&gt;</c> finds it there without
/// reflection.
/// </summary>
/// <remarks>
/// The registration is kept here, in one static field per row type (<c>Slot&lt;T&gt;</c>: no
/// dictionary, no lock, no lookup cost), so the contract calls nothing above it: RawSql reads the slot through
/// <see cref="Registered{T}"/> and rebuilds its cached reader when the slot holds another registration.
/// </remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class SqlResultRegistry
{
    /// <summary>Registers the reader of <typeparamref name="T"/>; the factory runs once, at its first raw query.</summary>
    public static void Register<T>(Func<SqlResultShape<T>> shape)
    {
        ArgumentNullException.ThrowIfNull(shape);
        Slot<T>.Shape = shape;
    }

    /// <summary>The reader factory last registered for <typeparamref name="T"/>, or null when none is (yet).</summary>
    internal static Func<SqlResultShape<T>>? Registered<T>() => Slot<T>.Shape;

    private static class Slot<T>
    {
        public static Func<SqlResultShape<T>>? Shape;
    }
}
