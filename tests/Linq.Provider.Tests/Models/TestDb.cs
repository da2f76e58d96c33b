namespace Linq.Provider.Tests.Models;

[Database]
public partial class TestDb : LinqDatabase;
