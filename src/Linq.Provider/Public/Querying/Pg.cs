namespace Linq;

/// <summary>
/// PostgreSQL operators and functions with no LINQ equivalent, for use inside queries only (<c>Where</c>,
/// <c>Select</c>, <c>OrderBy</c>, …): each is translated to SQL and never runs in .NET. Called anywhere else
/// (on values in memory), every method throws <see cref="InvalidOperationException"/>.
/// </summary>
/// <remarks>
/// These are the SQL operators with SQL's semantics, which a GIN index can serve. The LINQ spellings
/// (<c>tags.Any(t =&gt; other.Contains(t))</c>, <c>other.All(t =&gt; tags.Contains(t))</c>) are translated too, with
/// .NET's semantics exactly (see docs/queries.md).
/// </remarks>
public static class Pg
{
    /// <summary>
    /// <c>array &amp;&amp; values</c>: the arrays have an element in common. NULL elements never match, and a NULL
    /// array gives no match.
    /// </summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="array">An array column (or any array expression of the query).</param>
    /// <param name="values">The other array: a column or a captured array (sent as one parameter).</param>
    /// <returns>Whether the arrays overlap (in SQL).</returns>
    /// <exception cref="InvalidOperationException">Always, when called outside a query.</exception>
    public static bool Overlaps<T>(T[]? array, T[]? values) => throw OutsideQuery(nameof(Overlaps));

    /// <summary>
    /// <c>array @&gt; values</c>: every element of <paramref name="values"/> is in <paramref name="array"/> (duplicates
    /// are not counted). NULL elements never match, and a NULL array gives no match.
    /// </summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="array">An array column (or any array expression of the query).</param>
    /// <param name="values">The elements looked for: a column or a captured array (sent as one parameter).</param>
    /// <returns>Whether <paramref name="array"/> contains them all (in SQL).</returns>
    /// <exception cref="InvalidOperationException">Always, when called outside a query.</exception>
    public static bool Contains<T>(T[]? array, T[]? values) => throw OutsideQuery(nameof(Contains));

    /// <summary>
    /// <c>json @&gt; fragment::jsonb</c>: the <c>jsonb</c> value contains the JSON <paramref name="fragment"/> (an object
    /// contains an object when all the fragment's members are in it, recursively; an array contains the fragment's elements).
    /// </summary>
    /// <typeparam name="TJson">The column's type (<c>JsonDocument</c>, <c>JsonElement</c> or a <c>[JsonColumn]</c> type).</typeparam>
    /// <param name="json">A <c>jsonb</c> column (or a path into one).</param>
    /// <param name="fragment">JSON text, sent as a <c>jsonb</c> parameter, e.g. <c>{"kind":"book"}</c>.</param>
    /// <returns>Whether the value contains the fragment (in SQL).</returns>
    /// <exception cref="InvalidOperationException">Always, when called outside a query.</exception>
    public static bool JsonContains<TJson>(TJson json, string fragment) => throw OutsideQuery(nameof(JsonContains));

    /// <summary>
    /// <c>json ? key</c>: the <c>jsonb</c> object has a member named <paramref name="key"/> (whatever its value, JSON null
    /// included), or the <c>jsonb</c> array has the string <paramref name="key"/> as an element.
    /// </summary>
    /// <typeparam name="TJson">The column's type (<c>JsonDocument</c>, <c>JsonElement</c> or a <c>[JsonColumn]</c> type).</typeparam>
    /// <param name="json">A <c>jsonb</c> column (or a path into one).</param>
    /// <param name="key">The member name, sent as a parameter.</param>
    /// <returns>Whether the key exists (in SQL).</returns>
    /// <exception cref="InvalidOperationException">Always, when called outside a query.</exception>
    public static bool JsonHasKey<TJson>(TJson json, string key) => throw OutsideQuery(nameof(JsonHasKey));

    /// <summary>
    /// Full-text search: <c>to_tsvector(config, text) @@ websearch_to_tsquery(config, query)</c>. The configuration is
    /// the one of the column's <see cref="FullTextIndexAttribute"/> (so the index serves the query), or <c>simple</c>.
    /// </summary>
    /// <param name="text">A text column (or any text expression of the query).</param>
    /// <param name="query">A web-search style query (<c>quick fox -dog "exact phrase" or cat</c>), sent as a parameter.</param>
    /// <returns>Whether the text matches (in SQL); NULL text never matches.</returns>
    /// <exception cref="InvalidOperationException">Always, when called outside a query.</exception>
    public static bool Matches(string? text, string query) => throw OutsideQuery(nameof(Matches));

    /// <summary>
    /// Full-text search with the text search configuration named by <paramref name="config"/> (sent as a
    /// <c>regconfig</c> parameter, e.g. <c>english</c>).
    /// </summary>
    /// <param name="text">A text column (or any text expression of the query).</param>
    /// <param name="query">A web-search style query, sent as a parameter.</param>
    /// <param name="config">A text search configuration name, sent as a parameter.</param>
    /// <returns>Whether the text matches (in SQL); NULL text never matches.</returns>
    /// <exception cref="InvalidOperationException">Always, when called outside a query.</exception>
    public static bool Matches(string? text, string query, string config) => throw OutsideQuery(nameof(Matches));

    /// <summary>
    /// <c>ts_rank(to_tsvector(config, text), websearch_to_tsquery(config, query))</c>: how well the text matches, for
    /// ordering (higher is better); 0 for NULL text. The configuration is chosen as <see cref="Matches(string, string)"/> does.
    /// </summary>
    /// <param name="text">A text column (or any text expression of the query).</param>
    /// <param name="query">A web-search style query, sent as a parameter.</param>
    /// <returns>The rank (in SQL).</returns>
    /// <exception cref="InvalidOperationException">Always, when called outside a query.</exception>
    public static float Rank(string? text, string query) => throw OutsideQuery(nameof(Rank));

    /// <summary><see cref="Rank(string, string)"/> with the text search configuration named by <paramref name="config"/>.</summary>
    /// <param name="text">A text column (or any text expression of the query).</param>
    /// <param name="query">A web-search style query, sent as a parameter.</param>
    /// <param name="config">A text search configuration name, sent as a parameter.</param>
    /// <returns>The rank (in SQL).</returns>
    /// <exception cref="InvalidOperationException">Always, when called outside a query.</exception>
    public static float Rank(string? text, string query, string config) => throw OutsideQuery(nameof(Rank));

    private static InvalidOperationException OutsideQuery(string name) =>
        new($"Pg.{name} is translated to SQL inside a query (Where, Select, OrderBy, …) and cannot be called on values in memory.");
}
