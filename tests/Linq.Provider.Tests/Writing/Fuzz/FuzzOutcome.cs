namespace Linq.Provider.Tests.Writing.Fuzz;

/// <summary>
/// What the model expects of one operation: success, or the typed error codes it may fail with. A check the library
/// makes before any SQL wins over everything the database would report; among database errors, when one call holds
/// several, any of them may come first.
/// </summary>
public sealed class FuzzOutcome
{
    private readonly HashSet<string> _beforeSql = [];
    private readonly HashSet<string> _database = [];

    /// <summary>Refused by the library before any SQL (a value beyond a column's declared precision, say).</summary>
    public void BeforeSql(string code) => _beforeSql.Add(code);

    /// <summary>Refused by the database (a unique or foreign key violation, an overflow in SQL, a missing row).</summary>
    public void Database(string code) => _database.Add(code);

    public bool Fails => _beforeSql.Count + _database.Count > 0;

    /// <summary>The codes the call may throw with; empty for success.</summary>
    public IReadOnlySet<string> Codes => _beforeSql.Count > 0 ? _beforeSql : _database;

    public override string ToString() => Fails ? string.Join("|", Codes.Order()) : "ok";
}
