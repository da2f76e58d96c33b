using System.ComponentModel;
using Linq.Execution;
using Linq.RawSql;
using Npgsql;

namespace Linq;

// Raw SQL: statements written by hand, run through the same executor as LINQ queries (logging, tracing, error
// mapping, and the connection and transaction the executor is bound to).
public abstract partial class LinqDatabase
{
    /// <summary>
    /// Runs a hand-written query and reads its rows as <typeparamref name="T"/>. Every hole of the interpolated
    /// string is sent as a parameter (<c>$1</c>, <c>$2</c>, …) of the hole's type, never as text:
    /// <c>db.QueryRawAsync&lt;User&gt;($"SELECT * FROM \"User\" WHERE \"Email\" = {email}", ct)</c>. Holes holding
    /// a <see cref="SqlFragment"/> (<see cref="RawSql.Sql.Fragment"/>, <see cref="RawSql.Sql.Join{T}(IEnumerable{T})"/>,
    /// <see cref="RawSql.Sql.Identifier(string)"/>, …) are spliced.
    /// </summary>
    /// <typeparam name="T">
    /// A <c>[Model]</c> or <c>[SqlResult]</c> type (columns matched by name), <c>IReadOnlyDictionary&lt;string, object?&gt;</c>
    /// (one entry per column), or a scalar read from the first column (<c>int</c>, <c>string</c>, <c>Guid?</c>, …).
    /// </typeparam>
    /// <param name="sql">The statement as an interpolated string; a plain <see cref="string"/> does not compile.</param>
    /// <param name="cancellationToken">Cancels the statement on the server.</param>
    /// <exception cref="InvalidOperationException">A required member has no column, or two columns match one member.</exception>
    /// <exception cref="InvalidCastException">A column's type does not fit its member, or NULL meets a non-nullable member.</exception>
    /// <exception cref="NotSupportedException"><typeparamref name="T"/> is a type of the program's own without a generated reader.</exception>
    public Task<List<T>> QueryRawAsync<T>(SqlInterpolatedStringHandler sql, CancellationToken cancellationToken = default)
    {
        var statement = sql.ToStatement();
        return Executor.ListAsync(OperationInfo.Of(LinqOperation.QueryRaw), statement.Sql, statement.Parameters, RawRowReaders<T>.CreateShaper(), cancellationToken);
    }

    /// <summary>
    /// Runs a hand-written statement (UPDATE, DELETE, INSERT, DDL, …) whose holes are parameters as in
    /// <see cref="QueryRawAsync{T}(SqlInterpolatedStringHandler, CancellationToken)"/>; returns the number of rows
    /// it affected (-1 for statements that report none).
    /// </summary>
    /// <param name="sql">The statement as an interpolated string; a plain <see cref="string"/> does not compile.</param>
    /// <param name="cancellationToken">Cancels the statement on the server.</param>
    public Task<int> ExecuteRawAsync(SqlInterpolatedStringHandler sql, CancellationToken cancellationToken = default)
    {
        var statement = sql.ToStatement();
        return Executor.NonQueryAsync(OperationInfo.Of(LinqOperation.ExecuteRaw), statement.Sql, statement.Parameters, cancellationToken);
    }

    /// <summary>
    /// UNSAFE: runs <paramref name="sql"/> exactly as given, with <paramref name="parameters"/> bound positionally
    /// to <c>$1</c>, <c>$2</c>, …; rows are read as by <see cref="QueryRawAsync{T}(SqlInterpolatedStringHandler, CancellationToken)"/>.
    /// Nothing in <paramref name="sql"/> is checked or escaped: build it only from text the program itself
    /// contains, never from user input. Prefer <c>QueryRawAsync</c>.
    /// </summary>
    /// <exception cref="ArgumentException">A parameter is a <see cref="CancellationToken"/> (use the overload taking one).</exception>
    public Task<List<T>> QueryRawUnsafeAsync<T>(string sql, params object?[] parameters) =>
        QueryRawUnsafeAsync<T>(sql, CancellationToken.None, parameters);

    /// <inheritdoc cref="QueryRawUnsafeAsync{T}(string, object?[])"/>
    /// <param name="sql">The statement text, with <c>$1</c>, <c>$2</c>, … where the parameters go.</param>
    /// <param name="cancellationToken">Cancels the statement on the server.</param>
    /// <param name="parameters">The values of <c>$1</c>, <c>$2</c>, …; null is SQL NULL.</param>
    public Task<List<T>> QueryRawUnsafeAsync<T>(string sql, CancellationToken cancellationToken, params object?[] parameters)
    {
        var bound = BindUnsafe(sql, parameters);
        return Executor.ListAsync(OperationInfo.Of(LinqOperation.QueryRaw), sql, bound, RawRowReaders<T>.CreateShaper(), cancellationToken);
    }

    /// <summary>
    /// UNSAFE: runs <paramref name="sql"/> exactly as given, with <paramref name="parameters"/> bound positionally
    /// to <c>$1</c>, <c>$2</c>, …; returns the number of rows affected. Nothing in <paramref name="sql"/> is checked
    /// or escaped: build it only from text the program itself contains, never from user input. Prefer
    /// <c>ExecuteRawAsync</c>.
    /// </summary>
    /// <exception cref="ArgumentException">A parameter is a <see cref="CancellationToken"/> (use the overload taking one).</exception>
    public Task<int> ExecuteRawUnsafeAsync(string sql, params object?[] parameters) =>
        ExecuteRawUnsafeAsync(sql, CancellationToken.None, parameters);

    /// <inheritdoc cref="ExecuteRawUnsafeAsync(string, object?[])"/>
    /// <param name="sql">The statement text, with <c>$1</c>, <c>$2</c>, … where the parameters go.</param>
    /// <param name="cancellationToken">Cancels the statement on the server.</param>
    /// <param name="parameters">The values of <c>$1</c>, <c>$2</c>, …; null is SQL NULL.</param>
    public Task<int> ExecuteRawUnsafeAsync(string sql, CancellationToken cancellationToken, params object?[] parameters) =>
        Executor.NonQueryAsync(OperationInfo.Of(LinqOperation.ExecuteRaw), sql, BindUnsafe(sql, parameters), cancellationToken);

    /// <summary>
    /// Not callable: an interpolated string given to an unsafe method would have its values pasted into the SQL
    /// text. Use <see cref="QueryRawAsync{T}(SqlInterpolatedStringHandler, CancellationToken)"/>, which makes them parameters.
    /// </summary>
    [Obsolete("An interpolated string passed to QueryRawUnsafeAsync would paste its values into the SQL text. Use QueryRawAsync, which sends every hole as a parameter.", error: true)]
    [EditorBrowsable(EditorBrowsableState.Never)]
    public Task<List<T>> QueryRawUnsafeAsync<T>(SqlInterpolatedStringHandler sql, params object?[] parameters) =>
        throw new NotSupportedException("Use QueryRawAsync for interpolated strings.");

    /// <summary>
    /// Not callable: an interpolated string given to an unsafe method would have its values pasted into the SQL
    /// text. Use <see cref="ExecuteRawAsync(SqlInterpolatedStringHandler, CancellationToken)"/>, which makes them parameters.
    /// </summary>
    [Obsolete("An interpolated string passed to ExecuteRawUnsafeAsync would paste its values into the SQL text. Use ExecuteRawAsync, which sends every hole as a parameter.", error: true)]
    [EditorBrowsable(EditorBrowsableState.Never)]
    public Task<int> ExecuteRawUnsafeAsync(SqlInterpolatedStringHandler sql, params object?[] parameters) =>
        throw new NotSupportedException("Use ExecuteRawAsync for interpolated strings.");

    private static NpgsqlParameter[] BindUnsafe(string sql, object?[]? parameters)
    {
        ArgumentNullException.ThrowIfNull(sql);
        if (parameters is null || parameters.Length == 0)
        {
            return [];
        }

        var bound = new NpgsqlParameter[parameters.Length];
        for (var i = 0; i < parameters.Length; i++)
        {
            bound[i] = parameters[i] switch
            {
                CancellationToken => throw new ArgumentException(
                    $"Parameter ${i + 1} is a CancellationToken; pass the token before the parameters: QueryRawUnsafeAsync<T>(sql, cancellationToken, values…).",
                    nameof(parameters)),
                SqlFragment => throw new ArgumentException($"Parameter ${i + 1} is a SqlFragment, which the unsafe methods do not splice.", nameof(parameters)),
                var value => Execution.ParameterBinder.Instance.Bind(value, null),
            };
        }

        return bound;
    }
}
