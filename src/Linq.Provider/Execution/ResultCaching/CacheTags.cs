using System.Collections.Concurrent;
using System.Text.RegularExpressions;

namespace Linq.Execution.ResultCaching;

/// <summary>
/// The tables a statement reads or writes, read from its rendered text: every identifier the renderer writes is quoted
/// and every value is a parameter, so a quoted name after FROM/JOIN (reads) or INSERT INTO/UPDATE/DELETE FROM (writes)
/// is a table, and nothing else can look like one. Only the table name is kept (not its schema): two tables of the
/// same name in different schemas share a tag, which only invalidates more than needed.
/// </summary>
internal static partial class CacheTags
{
    private static readonly ConcurrentDictionary<string, string[]> ReadCache = new();

    public static string Tag(string database, string table) => "linq:" + database + ":" + table;

    /// <summary>The tag every entry of a database carries: what raw ExecuteRaw writes invalidate (their tables are unknown).</summary>
    public static string Database(string database) => "linq:" + database;

    /// <summary>The tags of the tables a plan reads (its statement and its follow-up statements), computed once per SQL text.</summary>
    public static string[] Reads(string database, string sql, Func<IEnumerable<string>> followUps)
    {
        // Static and shared by clients: the database is part of the key (the tags carry its name).
        var key = database + "\0" + sql;
        if (ReadCache.TryGetValue(key, out var cached))
        {
            return cached;
        }

        var tables = new SortedSet<string>(StringComparer.Ordinal);
        Collect(ReadPattern(), sql, tables);
        foreach (var statement in followUps())
        {
            Collect(ReadPattern(), statement, tables);
        }

        string[] tags = [Database(database), .. tables.Select(t => Tag(database, t))];
        if (ReadCache.Count < 10_000)
        {
            ReadCache[key] = tags;
        }

        return tags;
    }

    /// <summary>The tables a write statement writes (nested writes' CTEs included).</summary>
    public static void Writes(string sql, ISet<string> tables) => Collect(WritePattern(), sql, tables);

    private static void Collect(Regex pattern, string sql, ISet<string> tables)
    {
        foreach (Match match in pattern.Matches(sql))
        {
            tables.Add(match.Groups["table"].Value.Replace("\"\"", "\"", StringComparison.Ordinal));
        }
    }

    [GeneratedRegex("""\b(?:FROM|JOIN)\s+(?:"(?:[^"]|"")+"\.)?"(?<table>(?:[^"]|"")+)" """, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.IgnorePatternWhitespace)]
    private static partial Regex ReadPattern();

    [GeneratedRegex("""\b(?:INSERT\s+INTO|UPDATE|DELETE\s+FROM|COPY)\s+(?:"(?:[^"]|"")+"\.)?"(?<table>(?:[^"]|"")+)" """, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.IgnorePatternWhitespace)]
    private static partial Regex WritePattern();
}
