using Linq.Execution;
using Npgsql;

namespace Linq.Querying;

/// <summary>A query ready to run: SQL text, parameter values, the row shaper and, for single results, the cardinality rule.</summary>
internal sealed class TranslatedQuery(string sql, IReadOnlyList<ParameterSlot> parameters, Delegate shaper, RowCardinality? single)
{
    public string Sql { get; } = sql;

    public IReadOnlyList<ParameterSlot> Parameters { get; } = parameters;

    /// <summary>A <c>Func&lt;NpgsqlDataReader, TRow&gt;</c>.</summary>
    public Delegate Shaper { get; } = shaper;

    /// <summary>Null for sequences; the rule for single-row results otherwise.</summary>
    public RowCardinality? Single { get; } = single;

    public NpgsqlParameter[] CreateParameters()
    {
        var result = new NpgsqlParameter[Parameters.Count];
        for (var i = 0; i < result.Length; i++)
        {
            var slot = Parameters[i];
            var parameter = new NpgsqlParameter { Value = slot.Value ?? DBNull.Value };
            if (slot.Type is { } type)
            {
                parameter.NpgsqlDbType = type;
            }

            result[i] = parameter;
        }

        return result;
    }
}
