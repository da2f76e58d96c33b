using Linq.Execution;
using Linq.Sql.Syntax;

namespace Linq.RawSql;

/// <summary>
/// Accumulates the pieces of an interpolated statement as a <see cref="SqlRawFragment"/>: the literal parts as text,
/// each hole as a parameter node of the hole's type, each spliced <see cref="SqlFragment"/> as that fragment's own node.
/// Nothing is numbered here: the renderer writes <c>$1, $2, …</c> for the statement the pieces end up in.
/// </summary>
internal sealed class SqlBuilder(int holeCount)
{
    private readonly List<string> _text = new(holeCount + 1) { "" };
    private readonly List<SqlNode> _holes = new(holeCount);
    private bool _consumed;

    public void AppendText(string text)
    {
        NotConsumed();
        _text[^1] = _text[^1].Length == 0 ? text : _text[^1] + text;
    }

    /// <summary>Adds one hole holding <paramref name="value"/>: a parameter of type <typeparamref name="T"/>.</summary>
    public void AppendParameter<T>(T value)
    {
        // A hole typed object (or DBNull) is bound as it is, a null one as an untyped NULL (see ParameterBinder).
        AppendHole(new SqlParameter<T>(value));
    }

    /// <summary>Splices a fragment: its node goes in as it is (nodes are immutable), so its parameters are numbered where it lands.</summary>
    public void AppendFragment(SqlFragment fragment)
    {
        if (!fragment.IsEmpty)
        {
            AppendHole(fragment.Node);
        }
    }

    public SqlFragment ToFragment()
    {
        Consume();
        return _holes.Count == 0 && _text[0].Length == 0 ? SqlFragment.Empty : new SqlFragment(Node());
    }

    /// <summary>The statement text with <c>$1…$n</c> at the holes, and one parameter per number.</summary>
    public RawStatement ToStatement()
    {
        Consume();
        var (sql, parameters) = ParameterBinder.Render(Node());
        return new RawStatement(sql, parameters);
    }

    // The lists themselves: nothing is appended once the builder is consumed, so the fragment stays immutable.
    private SqlRawFragment Node() => new(_text, _holes);

    // The compiler makes a handler for one call; one kept in a variable and run again is refused rather than silently re-run
    // (a SqlFragment is the reusable form).
    private void Consume()
    {
        if (_consumed)
        {
            throw new InvalidOperationException("This interpolated SQL has already been used. Write the interpolated string again (or keep a SqlFragment, which can be reused).");
        }

        _consumed = true;
    }

    private void NotConsumed()
    {
        if (_consumed)
        {
            throw new InvalidOperationException("This interpolated SQL has already been used; nothing can be appended to it.");
        }
    }

    private void AppendHole(SqlNode hole)
    {
        NotConsumed();
        _holes.Add(hole);
        _text.Add("");
    }
}
