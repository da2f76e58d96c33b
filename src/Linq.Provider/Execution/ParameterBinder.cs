using Linq.Sql.Rendering;
using Linq.Sql.Syntax;
using Npgsql;

namespace Linq.Execution;

/// <summary>
/// The one place parameters become <see cref="NpgsqlParameter"/>s, for queries, writes and raw SQL alike. Every node
/// calls <see cref="Bind{T}"/> with its value's static type: a known type gives an <see cref="NpgsqlParameter{T}"/>
/// (no boxing, no reflection); a value known only as <see cref="object"/> (a cached plan's value, a boxed write value,
/// an unsafe method's positional value) is passed as it is. A store type Npgsql knows is set as the parameter's exact
/// type, so PostgreSQL receives the column's type (a <c>DateTime</c> for <c>timestamptz</c> must be UTC); other store
/// types (enums) are left to Npgsql's CLR mapping. A new parameter is made per execution: an <see cref="NpgsqlParameter"/>
/// belongs to one command, while the nodes are immutable and shared.
/// </summary>
internal sealed class ParameterBinder : ISqlParameterBinder<NpgsqlParameter>
{
    /// <summary>The most parameters one statement may have (the protocol's 16-bit count).</summary>
    public const int MaxParameters = ushort.MaxValue;

    public static ParameterBinder Instance { get; } = new();

    private ParameterBinder()
    {
    }

    /// <summary>The statement's text and its parameters, bound with the execution's <paramref name="values"/> (for plan placeholders).</summary>
    public static (string Sql, NpgsqlParameter[] Parameters) Render(SqlStatement statement, object?[]? values = null)
    {
        var rendered = PostgresRenderer.Render(statement);
        return (rendered.Text, Bind(rendered.Parameters, values));
    }

    /// <summary>One <see cref="NpgsqlParameter"/> per node, in <c>$n</c> order.</summary>
    public static NpgsqlParameter[] Bind(IReadOnlyList<SqlParameterExpression> parameters, object?[]? values)
    {
        if (parameters.Count == 0)
        {
            return [];
        }

        if (parameters.Count > MaxParameters)
        {
            // PostgreSQL's wire protocol counts parameters in 16 bits; fail before sending anything.
            throw new QueryTranslationException(null, $"the statement needs {parameters.Count:N0} parameters, and PostgreSQL accepts at most {MaxParameters:N0}.",
                "Pass the values as one list and use list.Contains(x.Column) (one array parameter holds any number of values), or split the work.");
        }

        var bound = new NpgsqlParameter[parameters.Count];
        for (var i = 0; i < bound.Length; i++)
        {
            bound[i] = parameters[i].Bind(Instance, values);
        }

        return bound;
    }

    /// <inheritdoc />
    public NpgsqlParameter Bind<T>(T value, string? storeType)
    {
        if (storeType == "timestamp")
        {
            value = WallClock(value);
        }

        if (value is string or string?[])
        {
            TextValues.Check(value, null);
        }

        NpgsqlParameter parameter;
        if (typeof(T) == typeof(object) || typeof(T) == typeof(DBNull))
        {
            // Known only as object: as it is, null (or DBNull) as an untyped NULL unless the store type names one.
            parameter = new NpgsqlParameter { Value = value is null or DBNull ? DBNull.Value : value };
        }
        else
        {
            // Null of a known type (a null string, an empty int?) is NULL of that type.
            parameter = new NpgsqlParameter<T> { TypedValue = value };
        }

        if (storeType is not null && StoreTypes.ToNpgsqlDbType(storeType) is { } type)
        {
            parameter.NpgsqlDbType = type;
        }

        return parameter;
    }

    // A DateTime compared with a timestamp (without time zone) column: .NET compares the ticks whatever the Kind, so a
    // Utc value (DateTime.UtcNow) is sent as the same wall-clock time, which Npgsql accepts. Writes never get here with
    // one: ColumnValueCheck refuses a Utc value for such a column before any SQL.
    private static T WallClock<T>(T value) =>
        value is DateTime { Kind: DateTimeKind.Utc } utc ? (T)(object)DateTime.SpecifyKind(utc, DateTimeKind.Unspecified) : value;
}
