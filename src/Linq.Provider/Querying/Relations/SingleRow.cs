using Linq.Execution;

namespace Linq.Querying.Relations;

/// <summary>LINQ's single-result rules over rows already read (the statement asked for at most the rows the rule needs).</summary>
internal static class SingleRow
{
    public static T Pick<T>(List<T> rows, RowCardinality cardinality)
    {
        if (rows.Count == 0)
        {
            return cardinality switch
            {
                RowCardinality.FirstOrDefault or RowCardinality.SingleOrDefault => default!,
                RowCardinality.Scalar => throw new InvalidOperationException("The aggregate query returned no row."),
                RowCardinality.ElementAt => throw new ArgumentOutOfRangeException("index", "Index was out of range. Must be non-negative and less than the size of the collection."),
                _ => throw new InvalidOperationException("Sequence contains no elements"),
            };
        }

        if (rows.Count > 1 && cardinality is RowCardinality.Single or RowCardinality.SingleOrDefault)
        {
            throw new InvalidOperationException("Sequence contains more than one element");
        }

        return rows[0];
    }
}
