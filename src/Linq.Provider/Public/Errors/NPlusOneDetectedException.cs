namespace Linq;

/// <summary>
/// Statements of the same shape (the same SQL text, other values) ran <see cref="LinqDatabaseOptions.NPlusOneThreshold"/>
/// times within one scope while <see cref="LinqDatabaseOptions.NPlusOneMode"/> is <see cref="NPlusOneMode.Throw"/>:
/// a loop issues one query per row. Load the rows together instead: <c>Include</c> the relation, select it in a nested
/// <c>Select</c>, or load it with <c>LoadStrategy.Query</c>; or query all the keys at once with <c>Contains</c>.
/// The statement that reached the threshold was not run.
/// </summary>
public sealed class NPlusOneDetectedException : InvalidOperationException
{
    internal NPlusOneDetectedException(string message, string sql, int count, string location)
        : base(message)
    {
        Sql = sql;
        Count = count;
        Location = location;
    }

    /// <summary>The repeated statement's SQL text, with <c>$n</c> placeholders (never the values).</summary>
    public string Sql { get; }

    /// <summary>How many times the shape ran with different values in the scope.</summary>
    public int Count { get; }

    /// <summary>The calling code: the first stack frame outside Linq, or <c>unknown</c> when stack traces are unavailable.</summary>
    public string Location { get; }
}
