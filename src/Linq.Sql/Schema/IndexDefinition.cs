namespace Linq.Sql.Schema;

/// <summary>An index over one or more columns that backs no constraint.</summary>
/// <param name="Name">Index name.</param>
/// <param name="Columns">Indexed columns, in index order.</param>
/// <param name="Unique">Whether it is a unique index (<c>CREATE UNIQUE INDEX</c>); unique constraints are <see cref="UniqueConstraintDefinition"/>.</param>
public sealed record IndexDefinition(string Name, IReadOnlyList<string> Columns, bool Unique = false);
