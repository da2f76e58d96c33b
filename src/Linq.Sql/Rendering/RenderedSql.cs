namespace Linq.Sql.Rendering;

/// <summary>The text of a rendered statement and the number of positional parameters (<c>$1…$n</c>) it uses.</summary>
public sealed record RenderedSql(string Text, int ParameterCount);
