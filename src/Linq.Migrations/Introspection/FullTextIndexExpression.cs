using System.Text.RegularExpressions;

namespace Linq.Migrations.Introspection;

/// <summary>
/// Reads the expression of a full-text GIN index as <c>pg_get_indexdef</c> prints it,
/// <c>to_tsvector('english'::regconfig, "Body")</c>, back into its configuration and column.
/// </summary>
internal static partial class FullTextIndexExpression
{
    /// <summary>The configuration and column, or null when the expression is any other.</summary>
    public static (string Config, string Column)? Parse(string expression)
    {
        var match = Expression().Match(expression);
        if (!match.Success)
        {
            return null;
        }

        var config = match.Groups["config"].Value.Replace("''", "'", StringComparison.Ordinal);
        var column = match.Groups["quoted"].Success ? match.Groups["quoted"].Value.Replace("\"\"", "\"", StringComparison.Ordinal) : match.Groups["plain"].Value;
        return (config, column);
    }

    [GeneratedRegex("""^to_tsvector\('(?<config>(?:[^']|'')+)'::regconfig, (?:"(?<quoted>(?:[^"]|"")+)"|(?<plain>[a-z_][a-z0-9_$]*))\)$""")]
    private static partial Regex Expression();
}
