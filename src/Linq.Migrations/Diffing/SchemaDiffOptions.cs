namespace Linq.Migrations.Diffing;

/// <summary>How <see cref="SchemaDiffer"/> compares two schema models.</summary>
public sealed class SchemaDiffOptions
{
    /// <summary>
    /// The schema unqualified names live in (the connection's current schema, usually <c>public</c>). Objects whose
    /// schema is given as this name compare equal to unqualified ones. Null (the default) compares schema names as written.
    /// </summary>
    public string? CurrentSchema { get; init; }
}
