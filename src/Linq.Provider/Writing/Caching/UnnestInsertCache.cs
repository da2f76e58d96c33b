using Linq.Contract;
using Linq.Execution;
using Linq.Sql.Rendering;
using Linq.Sql.Syntax;
using Npgsql;

namespace Linq.Writing.Caching;

/// <summary>
/// createMany's <c>INSERT … SELECT * FROM unnest($1::t[], …)</c> statements of one model, by statement shape: the
/// columns a group of rows sets (<see cref="RowCollector.RowShape"/>), <c>ON CONFLICT DO NOTHING</c> or not,
/// <c>RETURNING</c> or not. The text holds one array parameter per column whatever the number of rows, so a repeated
/// createMany of a known shape builds no SQL tree and renders nothing: it fills each column's typed array and binds
/// it. Shared by every database (the text depends on the model's metadata alone).
/// </summary>
/// <remarks>
/// The multi-row <c>VALUES</c> form (a model with array columns, which unnest would flatten, or rows of defaults only)
/// is not cached: its text has one parameter per value and so changes with every row count, and those models are rare.
/// A shape is cached only when the rendered parameters are exactly the column arrays in column order (by reference).
/// </remarks>
internal sealed class UnnestInsertCache
{
    private readonly ShapeStore<Entry> _statements = new();

    /// <summary>The cache of <typeparamref name="T"/>'s statements.</summary>
    public static UnnestInsertCache Of<T>() where T : class, IModel<T> => Holder<T>.Cache;

    /// <summary>How many shapes are known (tests).</summary>
    public int Count => _statements.Count;

    /// <summary>Whether rows setting the columns of <paramref name="shape"/> are served from the cache (tests).</summary>
    public bool Serves(RowCollector.RowShape shape, bool skipDuplicates, bool returning) =>
        _statements.TryGet(Key(stackalloc char[KeyHead], shape, skipDuplicates, returning), out var entry) && entry is not null;

    /// <summary>Whether rows setting <paramref name="first"/>'s columns take the unnest form: some column set, none an array.</summary>
    public static bool Fits(ModelMetadata model, RowCollector first)
    {
        if (first.Count == 0)
        {
            return false;
        }

        foreach (var ordinal in first.Ordinals)
        {
            if (model.Columns[ordinal].StoreType.EndsWith("[]", StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// The statement inserting <paramref name="rows"/> (all of one shape that <see cref="Fits"/>): the cached text with
    /// this call's arrays bound on a hit; built, rendered (and cached when it can be) on a miss.
    /// </summary>
    public (string Sql, NpgsqlParameter[] Parameters) Get(ModelMetadata model, List<RowCollector> rows, bool skipDuplicates, bool returning)
    {
        var key = Key(stackalloc char[KeyHead], rows[0].Mask, skipDuplicates, returning);
        var found = _statements.TryGet(key, out var cached);
        if (cached is not null)
        {
            var parameters = new NpgsqlParameter[cached.Columns.Length];
            for (var i = 0; i < parameters.Length; i++)
            {
                parameters[i] = cached.Columns[i].Bind(rows);
            }

            return (cached.Text, parameters);
        }

        var columns = rows[0].Ordinals.Select(o => new UnnestColumn(model.Columns[o])).ToArray();
        var nodes = columns.Select(c => (SqlParameterExpression)new BoxedValueParameter(c.Values(rows), c.StoreType)).ToArray();
        var rendered = PostgresRenderer.Render(Statement(model, rows[0], nodes, skipDuplicates, returning));
        if (!found)
        {
            _statements.Remember(key, ShapeStore<Entry>.SameNodes(rendered.Parameters, nodes, static n => n) ? new Entry(rendered.Text, columns) : null);
        }

        return (rendered.Text, ParameterBinder.Bind(rendered.Parameters, null));
    }

    // INSERT INTO t (columns) SELECT * FROM unnest($1::t1[], $2::t2[], …) AS "u" [ON CONFLICT DO NOTHING] [RETURNING *columns].
    private static SqlInsertStatement Statement(ModelMetadata model, RowCollector first, SqlParameterExpression[] arrays, bool skipDuplicates, bool returning)
    {
        var columns = first.Ordinals.Select(o => model.Columns[o]).ToList();
        var unnest = new SqlFunctionExpression("unnest", [.. arrays.Select(a => (SqlExpression)new SqlCastExpression(a, a.StoreType!))]);
        return new SqlInsertStatement
        {
            Table = new SqlTableReference(model.TableName),
            Columns = [.. columns.Select(c => c.ColumnName)],
            Source = new SqlSelectStatement { Items = [new SqlSelectItem(SqlStarExpression.Instance)], From = new SqlFunctionTable(unnest, "u") },
            OnConflictDoNothing = skipDuplicates,
            Returning = returning ? [.. model.Columns.Select(c => new SqlSelectItem(new SqlColumnExpression(null, c.ColumnName)))] : [],
        };
    }

    private const int KeyHead = 5;

    // The flags, the mask's 64 bits as four chars (in the caller's stack buffer, so a hit makes no string), then the
    // columns from ordinal 64 on (very wide models only).
    private static ReadOnlySpan<char> Key(Span<char> head, RowCollector.RowShape shape, bool skipDuplicates, bool returning)
    {
        head[0] = (char)((skipDuplicates ? 1 : 0) | (returning ? 2 : 0));
        for (var i = 0; i < 4; i++)
        {
            head[1 + i] = (char)((shape.Bits >> (16 * i)) & 0xFFFF);
        }

        return shape.Wide is null ? head : string.Concat(head, shape.Wide);
    }

    /// <summary>A cached text and its columns in <c>$n</c> order.</summary>
    private sealed record Entry(string Text, UnnestColumn[] Columns);

    private static class Holder<T>
        where T : class, IModel<T>
    {
        public static readonly UnnestInsertCache Cache = new();
    }
}
