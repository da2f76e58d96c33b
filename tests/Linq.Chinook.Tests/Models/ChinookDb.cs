namespace Linq.Chinook.Tests.Models;

/// <summary>The Chinook music store (lerocha/chinook-database v1.4.5, PostgreSQL variant), mapped onto its own snake_case tables.</summary>
[Database]
public partial class ChinookDb : LinqDatabase;
