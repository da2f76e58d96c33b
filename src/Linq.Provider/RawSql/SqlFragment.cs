using Npgsql;

namespace Linq.RawSql;

/// <summary>
/// A piece of SQL with its own parameters, made by <see cref="Sql.Fragment"/>, <see cref="Sql.Join{T}(IEnumerable{T})"/>,
/// <see cref="Sql.Identifier(string)"/>, <see cref="Sql.Empty"/> or <see cref="Sql.RawUnsafe"/>. Put it in a hole of
/// <c>QueryRawAsync</c>, <c>ExecuteRawAsync</c> or another fragment and it is spliced there: its text goes in
/// as is and its values stay parameters, numbered in the statement they end up in. Immutable: one fragment
/// can be used in any number of statements, also concurrently.
/// </summary>
public sealed class SqlFragment
{
    /// <summary>The fragment with no text and no parameters.</summary>
    public static readonly SqlFragment Empty = new("", [], []);

    internal SqlFragment(string text, int[] holes, NpgsqlParameter[] parameters)
    {
        Text = text;
        Holes = holes;
        Parameters = parameters;
    }

    /// <summary>The text without parameter markers; <see cref="Holes"/> says where they go.</summary>
    internal string Text { get; }

    /// <summary>Positions in <see cref="Text"/> where a parameter marker goes, ascending.</summary>
    internal int[] Holes { get; }

    /// <summary>One template parameter per hole; splicing copies them.</summary>
    internal NpgsqlParameter[] Parameters { get; }

    /// <summary>Whether the fragment has neither text nor parameters.</summary>
    public bool IsEmpty => Text.Length == 0 && Holes.Length == 0;

    /// <summary>The fragment as it would appear in a statement of its own: <c>$1</c>, <c>$2</c>, … at the holes.</summary>
    public override string ToString()
    {
        var builder = new SqlBuilder(Text.Length, Holes.Length);
        builder.AppendFragment(this);
        return builder.ToStatement().Sql;
    }
}
