using System.Runtime.CompilerServices;
using Linq.Contract;
using Npgsql;

namespace Linq.RawSql;

/// <summary>
/// Chooses how rows of a raw query become <typeparamref name="T"/>, once per type: the generated reader of a
/// <c>[Model]</c> or <c>[SqlResult]</c> type, else a dictionary row, else a scalar (first column).
/// </summary>
/// <remarks>
/// Why a static generic class filled from module initializers: <c>QueryRawAsync&lt;T&gt;</c> has no constraint
/// on <typeparamref name="T"/> (it takes models, <c>[SqlResult]</c> types and scalars alike), so it cannot
/// call a static interface member of <typeparamref name="T"/>, and finding the generated reader by reflection
/// is what this library refuses to do. Each generated reader therefore registers itself in the contract's
/// per-type slot (<see cref="SqlResultRegistry"/>) from a <c>[ModuleInitializer]</c> of the assembly that declares
/// the type: the slot is one static field per <typeparamref name="T"/> (no dictionary, no lock, no lookup cost),
/// and it is filled before any code of that assembly runs. This class caches what it chose with the registration
/// it chose from and chooses again when the slot holds another one. A type can be used before code of its own
/// assembly has run (a row type in a library, queried from the application), so when the slot is empty the
/// declaring module's initializer is run first (<see cref="RuntimeHelpers.RunModuleConstructor"/>, which runs it at most once) before concluding the
/// type has no generated reader.
/// </remarks>
internal static class RawRowReaders<T>
{
    // The choice together with the registration it was made from, one object so both are read at once.
    private static Choice? s_choice;

    /// <summary>A shaper for one query: it resolves the columns from the reader's schema at the first row.</summary>
    public static Func<NpgsqlDataReader, T> CreateShaper()
    {
        // A registration made after the choice (a re-registration, or the declaring module initialized late)
        // replaces the cached choice: the slot is compared by reference, a field read per query.
        var choice = s_choice;
        if (choice is null || !ReferenceEquals(choice.Registration, SqlResultRegistry.Registered<T>()))
        {
            s_choice = choice = Choose();
        }

        return choice.Factory();
    }

    private static Choice Choose()
    {
        var registration = SqlResultRegistry.Registered<T>();
        if (registration is null)
        {
            RuntimeHelpers.RunModuleConstructor(typeof(T).Module.ModuleHandle);
            registration = SqlResultRegistry.Registered<T>();
        }

        return new Choice(registration, ChooseFactory(registration));
    }

    private static Func<Func<NpgsqlDataReader, T>> ChooseFactory(Func<SqlResultShape<T>>? registration)
    {
        if (registration is not null)
        {
            var shape = new Lazy<SqlResultShape<T>>(registration);
            return () => new ShapeRowReader<T>(shape.Value).Read;
        }

        if (typeof(T) == typeof(IReadOnlyDictionary<string, object?>) || typeof(T) == typeof(Dictionary<string, object?>)
            || typeof(T) == typeof(IDictionary<string, object?>))
        {
            return () =>
            {
                var reader = new DictionaryRowReader();
                return row => (T)(object)reader.Read(row);
            };
        }

        if (!IsScalar(typeof(T)))
        {
            throw new NotSupportedException(
                $"Raw query results cannot be read as {TypeNames.Display(typeof(T))}: it is not a [Model], not marked [SqlResult], not a scalar and not "
                + "IReadOnlyDictionary<string, object?>. Mark the type [SqlResult] to have a reader generated for it.");
        }

        return () => new ScalarRowReader<T>().Read;
    }

    // Scalars: what Npgsql reads from one column. A type of the program's own (not System or Npgsql) is a row type
    // without a generated reader, refused up front rather than failing on the first row; enums and arrays are values.
    private static bool IsScalar(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (type.IsEnum || type.IsArray || type.IsPrimitive)
        {
            return true;
        }

        var space = type.Namespace ?? "";
        return space == "System" || space.StartsWith("System.", StringComparison.Ordinal)
            || space == "Npgsql" || space.StartsWith("Npgsql.", StringComparison.Ordinal) || space.StartsWith("NpgsqlTypes", StringComparison.Ordinal);
    }

    private sealed record Choice(Func<SqlResultShape<T>>? Registration, Func<Func<NpgsqlDataReader, T>> Factory);
}
