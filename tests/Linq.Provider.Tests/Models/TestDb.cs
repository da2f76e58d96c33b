namespace Linq.Provider.Tests.Models;

/// <summary>
/// The guide's schema (the tables of <see cref="BlogDb"/>, from samples/Blog.Model) plus the test-only models of
/// this folder. The generator only sees the models of its own compilation; Include brings in BlogDb's.
/// </summary>
[Database(Include = [typeof(BlogDb)])]
public partial class TestDb : LinqDatabase;
