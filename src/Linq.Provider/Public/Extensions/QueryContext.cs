using Linq.Contract;
using Npgsql;

namespace Linq;

/// <summary>What a <see cref="QueryInterceptor"/> knows about the operation it runs around.</summary>
public sealed class QueryContext
{
    private readonly NpgsqlParameter[] _parameters;
    private IReadOnlyList<QueryParameter>? _read;

    internal QueryContext(LinqOperation operation, ModelMetadata? model, string sql, NpgsqlParameter[] parameters, CancellationToken cancellationToken)
    {
        Operation = operation;
        Model = model;
        Sql = sql;
        _parameters = parameters;
        CancellationToken = cancellationToken;
    }

    /// <summary>What the operation is (<c>FindMany</c>, <c>Count</c>, <c>Create</c>, <c>QueryRaw</c>, <c>Transaction</c>, …).</summary>
    public LinqOperation Operation { get; }

    /// <summary>The model the operation is about (<c>Model.Name</c>, <c>Model.TableName</c>), or null (raw SQL, a batch transaction).</summary>
    public ModelMetadata? Model { get; }

    /// <summary>The SQL text with <c>$n</c> placeholders (for a batch, its statements joined by <c>;</c>).</summary>
    public string Sql { get; }

    /// <summary>The statement's parameters, read-only: placeholder and value.</summary>
    public IReadOnlyList<QueryParameter> Parameters => _read ??= Read(_parameters);

    /// <summary>The caller's cancellation token.</summary>
    public CancellationToken CancellationToken { get; }

    private static QueryParameter[] Read(NpgsqlParameter[] parameters)
    {
        var read = new QueryParameter[parameters.Length];
        for (var i = 0; i < parameters.Length; i++)
        {
            var name = string.IsNullOrEmpty(parameters[i].ParameterName) ? "$" + (i + 1) : parameters[i].ParameterName;
            read[i] = new QueryParameter(name, parameters[i].Value is DBNull ? null : parameters[i].Value);
        }

        return read;
    }

    /// <inheritdoc />
    public override string ToString() => $"{Operation} {Model?.Name}: {Sql}";
}
