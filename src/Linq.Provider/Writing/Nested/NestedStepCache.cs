using System.Collections.Concurrent;
using Linq.Contract;
using Linq.Writing.Caching;

namespace Linq.Writing.Nested;

/// <summary>
/// Rendered statements of an update's nested writes by key (update, delete and disconnect of a child by its unique key,
/// and of the related row of a to-one relation), by <see cref="WriteShape"/>: the operation, the relation (which names
/// the parent's and the child's tables and the foreign key), the fields the child's data sets and how, the child's key
/// columns and the parent's. A repeated step of a known shape builds no SQL tree for its SET list and renders nothing:
/// it binds its values to the cached text. Shared by every database (the text depends on the models' metadata alone).
/// </summary>
internal static class NestedStepCache
{
    private static readonly ConcurrentDictionary<RelationMetadata, int> Ids = new(ReferenceEqualityComparer.Instance);
    private static int s_next;

    // Counted per thread: a nested update plans (and binds) synchronously on its caller's thread before its first await,
    // so a test reads exactly its own call's count there, whatever other tests run at the same time.
    [ThreadStatic]
    private static int t_served;

    /// <summary>Statements of nested updates this thread has bound to a cached text (tests).</summary>
    public static int ServedOnThisThread => t_served;

    /// <summary>Counts one statement bound to a cached text.</summary>
    public static void Served() => t_served++;

    /// <summary>The statements (tests read their count and clear them).</summary>
    public static WriteStatementCache Statements { get; } = new();

    /// <summary>A shape of <paramref name="operation"/> on <paramref name="relation"/>: the letter, then the relation's number.</summary>
    public static WriteShape Start(char operation, RelationMetadata relation, bool reuse)
    {
        var id = Ids.GetOrAdd(relation, static _ => Interlocked.Increment(ref s_next));
        var shape = reuse ? WriteShape.Take(operation) : new WriteShape(operation);
        shape.Mark((char)(id & 0xFFFF));
        shape.Mark((char)(id >> 16));
        return shape;
    }
}
