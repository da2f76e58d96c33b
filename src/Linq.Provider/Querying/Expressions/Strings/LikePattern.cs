namespace Linq.Querying.Expressions.Strings;

/// <summary>Escapes text for <c>LIKE … ESCAPE '\'</c> so <c>%</c>, <c>_</c> and <c>\</c> match themselves.</summary>
internal static class LikePattern
{
    public static string Escape(string text) =>
        text.Replace(@"\", @"\\", StringComparison.Ordinal).Replace("%", @"\%", StringComparison.Ordinal).Replace("_", @"\_", StringComparison.Ordinal);
}
