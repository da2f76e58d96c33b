using Linq.Sql.Syntax;

namespace Linq.Querying.Relations;

internal sealed partial class RelationTranslator
{
    // Values whose PostgreSQL array Npgsql reads element by element exactly as it reads one value of them (the same
    // converter: numeric to decimal, timestamptz to a UTC DateTime, bigint to long), so the list holds what a column read gives.
    private static readonly HashSet<Type> ArrayElementTypes =
    [
        typeof(int), typeof(long), typeof(short), typeof(bool), typeof(decimal), typeof(double), typeof(float), typeof(Guid),
        typeof(DateTime), typeof(DateTimeOffset), typeof(DateOnly), typeof(TimeOnly), typeof(string),
        typeof(int?), typeof(long?), typeof(short?), typeof(bool?), typeof(decimal?), typeof(double?), typeof(float?), typeof(Guid?),
        typeof(DateTime?), typeof(DateTimeOffset?), typeof(DateOnly?), typeof(TimeOnly?),
    ];

    /// <summary>Whether a list of <paramref name="type"/> is read from one PostgreSQL array exactly as its values are read one by one.</summary>
    public static bool IsArrayElement(Type type) => ArrayElementTypes.Contains(type);

    /// <summary>
    /// A list of plain values of a related collection (<c>u.Posts.OrderBy(p =&gt; p.Id).Select(p =&gt; p.Title).ToList()</c>) as one
    /// binary array in the rows' order: <c>array_agg(value ORDER BY …)</c> in a lateral, or over the page picked first. Read
    /// straight into the list (no JSON text, no per-element parse); measured as the hand-written statement of this shape.
    /// Null when the element is not such a value, or may be NULL where its type cannot hold NULL (JSON reports that when read).
    /// </summary>
    private SqlExpression? ScalarArray(SourceBinding owner, NestedRows rows)
    {
        var type = rows.Element.Type;
        if (!ArrayElementTypes.Contains(type) || !rows.Translator.TryTranslate(rows.Element, out var value)
            || (value!.MayBeNull && type.IsValueType && Nullable.GetUnderlyingType(type) is null))
        {
            return null;
        }

        if (!rows.Paged)
        {
            return Lateral(owner, new SqlSelectStatement
            {
                Items = [new SqlSelectItem(new SqlAggregateExpression("array_agg", [value.Sql], rows.Ordering), "value")],
                From = rows.From,
                Joins = rows.Scope.Joins,
                Where = rows.Where,
            });
        }

        // A page of the rows: picked in an inner select, aggregated in its order (row_number keeps it).
        var inner = new SqlSelectStatement
        {
            Items = [new SqlSelectItem(value.Sql, "v"), new SqlSelectItem(new SqlWindowFunctionExpression("row_number", [], [], rows.Ordering), "n")],
            From = rows.From,
            Joins = rows.Scope.Joins,
            Where = rows.Where,
            OrderBy = rows.Ordering,
            Limit = rows.Limit,
            Offset = rows.Offset,
        };
        var page = context.NextAlias();
        return Lateral(owner, new SqlSelectStatement
        {
            Items = [new SqlSelectItem(new SqlAggregateExpression("array_agg", [new SqlColumnExpression(page, "v")], [new SqlOrdering(new SqlColumnExpression(page, "n"))]), "value")],
            From = new SqlDerivedTable(inner, page),
        });
    }
}
