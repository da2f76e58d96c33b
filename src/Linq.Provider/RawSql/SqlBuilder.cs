using System.Text;
using Npgsql;

namespace Linq.RawSql;

/// <summary>
/// Accumulates SQL text and the parameters of its holes. A hole is recorded as a position in the text, not
/// written as <c>$n</c>, so that a finished piece (a <see cref="SqlFragment"/>) can be spliced into another
/// statement and numbered there; only <see cref="ToStatement"/> writes the <c>$1, $2, …</c> markers.
/// </summary>
internal sealed class SqlBuilder(int literalLength, int holeCount)
{
    private readonly StringBuilder _text = new(literalLength + 8);
    private readonly List<int> _holes = new(holeCount);
    private readonly List<NpgsqlParameter> _parameters = new(holeCount);
    private bool _consumed;

    public void AppendText(string text) => _text.Append(text);

    /// <summary>Adds one hole bound to <paramref name="parameter"/>, which must not be shared with another statement.</summary>
    public void AppendParameter(NpgsqlParameter parameter)
    {
        _holes.Add(_text.Length);
        _parameters.Add(parameter);
    }

    /// <summary>Splices a fragment: its text verbatim, each of its holes as a new hole with a copy of its parameter.</summary>
    public void AppendFragment(SqlFragment fragment)
    {
        var start = 0;
        for (var i = 0; i < fragment.Holes.Length; i++)
        {
            _text.Append(fragment.Text, start, fragment.Holes[i] - start);
            start = fragment.Holes[i];

            // A fragment may be reused by many statements, even concurrently; an NpgsqlParameter belongs to one command.
            AppendParameter(fragment.Parameters[i].Clone());
        }

        _text.Append(fragment.Text, start, fragment.Text.Length - start);
    }

    public SqlFragment ToFragment()
    {
        Consume();
        return _holes.Count == 0 && _text.Length == 0 ? SqlFragment.Empty : new SqlFragment(_text.ToString(), [.. _holes], [.. _parameters]);
    }

    /// <summary>The statement text with <c>$1…$n</c> at the holes, and the parameters in that order.</summary>
    public RawStatement ToStatement()
    {
        Consume();
        if (_holes.Count == 0)
        {
            return new RawStatement(_text.ToString(), []);
        }

        var sql = new StringBuilder(_text.Length + _holes.Count * 4);
        var start = 0;
        for (var i = 0; i < _holes.Count; i++)
        {
            sql.Append(_text, start, _holes[i] - start).Append('$').Append(i + 1);
            start = _holes[i];
        }

        sql.Append(_text, start, _text.Length - start);
        return new RawStatement(sql.ToString(), [.. _parameters]);
    }

    // A handler copied into a variable and run twice would hand the same parameter objects to two commands.
    private void Consume()
    {
        if (_consumed)
        {
            throw new InvalidOperationException("This interpolated SQL has already been used. Write the interpolated string again (or keep a SqlFragment, which can be reused).");
        }

        _consumed = true;
    }
}
