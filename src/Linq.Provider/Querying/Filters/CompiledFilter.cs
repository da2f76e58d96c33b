using Linq.Sql.Syntax;

namespace Linq.Querying.Filters;

/// <summary>
/// A write filter as the plan cache keeps it: the SELECT of the primary keys of the rows a predicate matches, and
/// the parts a statement can embed directly (the root row's alias and the predicate over it). Its parameters are
/// placeholders read from each call's values, so the same object serves every call of the predicate's shape.
/// </summary>
internal sealed class CompiledFilter(SqlSelectStatement keys, string alias)
{
    // What the embedding writer keeps with the filter (its rendered statements): it lives and is evicted with the plan.
    private object? _attachment;

    /// <summary><c>SELECT "t0"."Id" FROM "T" AS "t0" [LEFT JOIN …] WHERE …</c>.</summary>
    public SqlSelectStatement Keys { get; } = keys;

    /// <summary>The alias of the filtered table's row in <see cref="Keys"/> (<c>t0</c>); the predicate refers to it.</summary>
    public string Alias { get; } = alias;

    /// <summary>The condition over the row under <see cref="Alias"/> (null: every row).</summary>
    public SqlExpression? Predicate => Keys.Where;

    /// <summary>
    /// Whether the predicate reads joined rows (a to-one navigation, <c>p =&gt; p.Author.Name == x</c>): then it is a
    /// condition on a joined row set, not on the filtered row alone, and a statement can only embed <see cref="Keys"/>.
    /// Correlated sub-selects (EXISTS, counts) refer to the row alone and need no join.
    /// </summary>
    public bool NeedsJoins => Keys.Joins.Count > 0;

    /// <summary>
    /// The object a writer keeps with this filter, made by <paramref name="create"/> on first use (one per filter; a
    /// racing creation keeps the first). Null only if another kind of object is attached already.
    /// </summary>
    public TAttachment? Attachment<TAttachment>(Func<CompiledFilter, TAttachment> create)
        where TAttachment : class
    {
        if (Volatile.Read(ref _attachment) is { } found)
        {
            return found as TAttachment;
        }

        var made = create(this);
        return Interlocked.CompareExchange(ref _attachment, made, null) is { } winner ? winner as TAttachment : made;
    }
}
