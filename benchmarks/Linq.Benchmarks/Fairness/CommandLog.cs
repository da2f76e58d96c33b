using System.Data.Common;
using Npgsql;

namespace Linq.Benchmarks.Fairness;

/// <summary>One command a library sent: its SQL and a copy of its parameters (to run it again under EXPLAIN).</summary>
public sealed record CapturedCommand(string Sql, IReadOnlyList<NpgsqlParameter> Parameters);

/// <summary>The commands the libraries' interceptors saw while <see cref="Recording"/> is on.</summary>
public sealed class CommandLog
{
    private readonly List<CapturedCommand> _commands = [];
    private readonly Lock _lock = new();

    public bool Recording { get; set; }

    public void Add(DbCommand command)
    {
        if (!Recording)
        {
            return;
        }

        var parameters = command.Parameters.OfType<NpgsqlParameter>().Select(Copy).ToList();
        lock (_lock)
        {
            _commands.Add(new CapturedCommand(command.CommandText, parameters));
        }
    }

    // A library's own enum type is mapped on the library's data source only: the copy sends its name untyped, and
    // PostgreSQL resolves it against the column's enum type as it does for a literal.
    private static NpgsqlParameter Copy(NpgsqlParameter parameter) =>
        parameter.Value is Enum value
            ? new NpgsqlParameter(parameter.ParameterName, NpgsqlTypes.NpgsqlDbType.Unknown) { Value = value.ToString() }
            : parameter.Clone();

    /// <summary>The commands recorded since the last call, oldest first.</summary>
    public List<CapturedCommand> Take()
    {
        lock (_lock)
        {
            var taken = _commands.ToList();
            _commands.Clear();
            return taken;
        }
    }
}
