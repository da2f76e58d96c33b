using System.Collections.Concurrent;
using System.Text;

namespace Linq.Benchmarks.Competitors.HandWritten;

/// <summary>
/// The hand-written multi-row insert of users: <c>INSERT INTO "User" ("Email", "Name", "Role") VALUES ($1, $2, $3), …</c>,
/// one text per row count (built once), and the largest row count under PostgreSQL's 65,535-parameter limit.
/// </summary>
internal static class UserMultiRowInsert
{
    public const int ColumnsPerRow = 3;

    public const int MaxRowsPerStatement = 65_535 / ColumnsPerRow;

    private static readonly ConcurrentDictionary<int, string> Texts = new();

    public static string Sql(int rows) => Texts.GetOrAdd(rows, static count =>
    {
        var text = new StringBuilder("""INSERT INTO "User" ("Email", "Name", "Role") VALUES """);
        for (var r = 0; r < count; r++)
        {
            var p = r * ColumnsPerRow;
            text.Append(r == 0 ? "" : ", ").Append("($").Append(p + 1).Append(", $").Append(p + 2).Append(", $").Append(p + 3).Append(')');
        }

        return text.ToString();
    });
}
