namespace Linq.Sql.Syntax;

/// <summary>
/// SQL written by hand (raw SQL): pieces of text rendered exactly as given, with a hole between each two pieces.
/// A hole is a <see cref="SqlParameterExpression"/> (rendered <c>$n</c>) or another <see cref="SqlRawFragment"/>
/// spliced in place, so fragments compose without copying and their parameters are numbered in the statement they
/// end up in. Rendered as a statement of its own or inside another fragment.
/// </summary>
internal sealed record SqlRawFragment : SqlStatement
{
    /// <summary>Creates a fragment: <c>text[0] holes[0] text[1] … holes[n-1] text[n]</c>.</summary>
    /// <exception cref="ArgumentException">There is not exactly one more piece of text than holes, or a hole is neither a parameter nor a fragment.</exception>
    public SqlRawFragment(IReadOnlyList<string> text, IReadOnlyList<SqlNode> holes)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(holes);
        if (text.Count != holes.Count + 1)
        {
            throw new ArgumentException($"A raw fragment with {holes.Count} holes needs {holes.Count + 1} pieces of text, not {text.Count}.", nameof(text));
        }

        foreach (var hole in holes)
        {
            if (hole is not (SqlParameterExpression or SqlRawFragment))
            {
                throw new ArgumentException($"A raw fragment's hole must be a parameter or a fragment, not {hole?.GetType().Name ?? "null"}.", nameof(holes));
            }
        }

        Text = text;
        Holes = holes;
    }

    /// <summary>A fragment of text only (an identifier, verbatim SQL).</summary>
    public SqlRawFragment(string text)
        : this([text], [])
    {
    }

    /// <summary>The pieces of text, one more than <see cref="Holes"/>.</summary>
    public IReadOnlyList<string> Text { get; }

    /// <summary>What goes between the pieces: parameters and fragments.</summary>
    public IReadOnlyList<SqlNode> Holes { get; }
}
