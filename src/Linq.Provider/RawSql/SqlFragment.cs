using Linq.Sql.Rendering;
using Linq.Sql.Syntax;

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
    public static readonly SqlFragment Empty = new(new SqlRawFragment(""));

    internal SqlFragment(SqlRawFragment node) => Node = node;

    /// <summary>
    /// The fragment as a node of the SQL tree: text pieces, and between them parameter nodes and nested fragments.
    /// Spliced as it is; a fragment used twice in one statement is one set of parameters.
    /// </summary>
    internal SqlRawFragment Node { get; }

    /// <summary>Whether the fragment has neither text nor parameters.</summary>
    public bool IsEmpty => Node.Holes.Count == 0 && Node.Text[0].Length == 0;

    /// <summary>The fragment as it would appear in a statement of its own: <c>$1</c>, <c>$2</c>, … at the holes.</summary>
    public override string ToString() => PostgresRenderer.Render(Node).Text;
}
