using System.Runtime.CompilerServices;

namespace Linq.Querying.Caching;

/// <summary>
/// The nesting limit of the walks over a user's expression. Every walk of the pipeline (fingerprint,
/// evaluability, re-linq, translation, rendering) recurses, and a thread-pool thread has a small stack, so a
/// tree deeper than this is first balanced (<see cref="ChainBalancer"/>) and, if still too deep, refused with a
/// clear <see cref="QueryTranslationException"/> instead of a process-killing stack overflow.
/// </summary>
internal static class ExpressionDepth
{
    /// <summary>The deepest nesting a query may have after its long chains are balanced.</summary>
    public const int Limit = 400;

    /// <summary>Thrown inside the fingerprint walk when the tree is deeper than <see cref="Limit"/>; caught by the compiler.</summary>
    public static TooDeepException TooDeep() => new();

    /// <summary>True when the stack has room for more recursion; checked every few levels where the walks recurse.</summary>
    public static bool HasStack() => RuntimeHelpers.TryEnsureSufficientExecutionStack();

    public static QueryTranslationException Refusal() =>
        new(null, $"the expression is nested more than {Limit} levels deep.",
            "Long chains of || and && (as predicate builders make them) are fine; build other deep trees flatter, or pass a list and use list.Contains(x.Column).");

    /// <summary>Signals a tree too deep for the fingerprint walk; never escapes the compiler.</summary>
    internal sealed class TooDeepException : Exception
    {
        public TooDeepException()
            : base("The expression tree is too deep.")
        {
        }
    }
}
