using System.Linq.Expressions;

namespace Linq;

/// <summary>
/// A LINQ construct cannot be translated to SQL. The message names the exact sub-expression and, where
/// there is one, the supported alternative. Queries are never silently evaluated on the client instead.
/// </summary>
public sealed class QueryTranslationException : InvalidOperationException
{
    /// <summary>Creates the exception for a sub-expression.</summary>
    public QueryTranslationException(Expression? expression, string reason, string? alternative = null)
        : base(Compose(expression, reason, alternative))
    {
        Expression = expression?.ToString();
    }

    /// <summary>The untranslatable sub-expression, as text.</summary>
    public string? Expression { get; }

    private static string Compose(Expression? expression, string reason, string? alternative)
    {
        var text = expression is null ? reason : $"Cannot translate '{expression}': {reason}";
        return alternative is null ? text : $"{text} {alternative}";
    }
}
