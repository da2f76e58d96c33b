namespace Linq.RawSql;

/// <summary>
/// Pieces to compose raw SQL with: put what these return in a hole of <c>db.QueryRawAsync</c>,
/// <c>db.ExecuteRawAsync</c> or <see cref="Fragment"/> and it is spliced there, values still as parameters.
/// </summary>
/// <remarks>
/// It lives in <c>Linq.RawSql</c>, not <c>Linq</c>: a type <c>Linq.Sql</c> would collide with the namespace
/// <c>Linq.Sql</c> of the SQL tree. Add <c>using Linq.RawSql;</c>.
/// </remarks>
public static class Sql
{
    /// <summary>Nothing: the absent branch of a conditional piece (<c>cond ? Sql.Fragment($"…") : Sql.Empty</c>).</summary>
    public static SqlFragment Empty => SqlFragment.Empty;

    /// <summary>
    /// A piece of SQL for later splicing, e.g. an optional filter. Its holes are parameters like those of the
    /// statement it ends up in, and are numbered there.
    /// </summary>
    public static SqlFragment Fragment(SqlInterpolatedStringHandler sql) => sql.ToFragment();

    /// <summary>
    /// A comma-separated list of parameters, one per value, for <c>IN ({Sql.Join(ids)})</c>. An empty list
    /// renders <c>NULL</c>, so <c>x IN (NULL)</c> is valid SQL and matches no row; note that <c>x NOT IN (NULL)</c>
    /// matches no row either: for a list that may be empty prefer an array hole, <c>x = ANY({ids})</c> /
    /// <c>x &lt;&gt; ALL({ids})</c>. Elements that are <see cref="SqlFragment"/>s are spliced.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="values"/> is null.</exception>
    public static SqlFragment Join<T>(IEnumerable<T> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var builder = new SqlBuilder(values.TryGetNonEnumeratedCount(out var count) ? count : 4);
        var first = true;
        foreach (var value in values)
        {
            if (!first)
            {
                builder.AppendText(", ");
            }

            first = false;
            if (value is SqlFragment fragment)
            {
                builder.AppendFragment(fragment);
            }
            else
            {
                builder.AppendParameter(value);
            }
        }

        if (first)
        {
            builder.AppendText("NULL");
        }

        return builder.ToFragment();
    }

    /// <summary>
    /// Fragments joined by <paramref name="separator"/> (e.g. conditions by <c>Sql.Fragment($" AND ")</c>);
    /// no fragments give <see cref="Empty"/>.
    /// </summary>
    /// <exception cref="ArgumentNullException">An argument or one of the fragments is null.</exception>
    public static SqlFragment Join(SqlFragment separator, IEnumerable<SqlFragment> fragments)
    {
        ArgumentNullException.ThrowIfNull(separator);
        ArgumentNullException.ThrowIfNull(fragments);
        var builder = new SqlBuilder(4);
        var first = true;
        foreach (var fragment in fragments)
        {
            ArgumentNullException.ThrowIfNull(fragment, nameof(fragments));
            if (!first)
            {
                builder.AppendFragment(separator);
            }

            first = false;
            builder.AppendFragment(fragment);
        }

        return builder.ToFragment();
    }

    /// <summary>
    /// A quoted identifier (table, column, schema…): the name in double quotes with embedded double quotes
    /// doubled, so no name can end it early. PostgreSQL compares quoted names case-sensitively.
    /// </summary>
    /// <exception cref="ArgumentException">The name is empty or contains a NUL character.</exception>
    public static SqlFragment Identifier(string name) => Verbatim(global::Linq.Sql.Rendering.Identifier.Quote(name));

    /// <summary>A schema-qualified quoted identifier: <c>"schema"."name"</c>.</summary>
    /// <exception cref="ArgumentException">A name is empty or contains a NUL character.</exception>
    public static SqlFragment Identifier(string schema, string name) =>
        Verbatim(global::Linq.Sql.Rendering.Identifier.Quote(schema) + "." + global::Linq.Sql.Rendering.Identifier.Quote(name));

    /// <summary>
    /// Splices <paramref name="sql"/> verbatim: nothing is quoted or parameterized. Only for SQL text written by the
    /// program (never text that comes from a user, a request, a file or the database); it must contain no
    /// <c>$n</c> markers. Prefer <see cref="Identifier(string)"/> for names and holes for values.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="sql"/> is null.</exception>
    public static SqlFragment RawUnsafe(string sql)
    {
        ArgumentNullException.ThrowIfNull(sql);
        return Verbatim(sql);
    }

    private static SqlFragment Verbatim(string text) => text.Length == 0 ? SqlFragment.Empty : new SqlFragment(new global::Linq.Sql.Syntax.SqlRawFragment(text));
}
