namespace Linq.Benchmarks.Competitors.Linq2Db;

using LinqToDB;
using LinqToDB.DataProvider.PostgreSQL;

/// <summary>
/// linq2db's query translation without I/O: <c>ToSqlQuery()</c> on the filtered page query (query cache lookup or
/// build, then SQL text and parameters). <see cref="ClearCache"/> clears linq2db's query caches (process-wide). No
/// connection is opened.
/// </summary>
public sealed class Linq2DbTranslation(string connectionString) : IDisposable
{
    private readonly BenchDataConnection _db = new(new DataOptions().UsePostgreSQL(connectionString, PostgreSQLVersion.v15));

    public string Translate(string prefix, int skip, int take) =>
        _db.Users
            .Where(u => u.Email.StartsWith(prefix))
            .OrderBy(u => u.Id)
            .Skip(skip)
            .Take(take)
            .Select(u => new UserSummary { Id = u.Id, Email = u.Email, Name = u.Name })
            .ToSqlQuery()
            .Sql;

    /// <summary>Forgets every cached query of linq2db (the next translation is a miss).</summary>
    public static void ClearCache() => LinqToDB.Internal.Linq.Query.ClearCaches();

    public void Dispose() => _db.Dispose();
}
