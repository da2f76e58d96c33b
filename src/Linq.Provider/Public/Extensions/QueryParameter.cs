namespace Linq;

/// <summary>One parameter of a statement, as an interceptor sees it: its placeholder (<c>$1</c>, …) and its value.</summary>
/// <param name="Name">The placeholder in the SQL text (<c>$1</c>, <c>$2</c>, …).</param>
/// <param name="Value">The value sent (null for SQL NULL).</param>
public readonly record struct QueryParameter(string Name, object? Value);
