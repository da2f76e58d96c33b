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
        : this(Describe(expression), reason, alternative)
    {
    }

    private QueryTranslationException(string? expression, string reason, string? alternative)
        : base(Compose(expression, reason, alternative))
    {
        Expression = expression;
    }

    /// <summary>The untranslatable sub-expression, as text.</summary>
    public string? Expression { get; }

    // The text of a huge predicate (a builder's 100,000 terms) would make a message of megabytes: keep its start.
    private const int MaxExpressionText = 500;

    private static string? Describe(Expression? expression)
    {
        var text = expression?.ToString();
        return text is { Length: > MaxExpressionText } ? string.Concat(text.AsSpan(0, MaxExpressionText), "…") : text;
    }

    private static string Compose(string? expression, string reason, string? alternative)
    {
        var text = expression is null ? reason : $"Cannot translate '{expression}': {reason}";
        return alternative is null ? text : $"{text} {alternative}";
    }
}
