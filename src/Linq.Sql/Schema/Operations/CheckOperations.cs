namespace Linq.Sql.Schema.Operations;

/// <summary>
/// <c>ALTER TABLE … ADD CONSTRAINT … CHECK (…) NOT VALID</c>, then <c>VALIDATE CONSTRAINT</c>: the validation scans the
/// rows under a lock that lets reads and writes go on.
/// </summary>
/// <param name="Table">The table.</param>
/// <param name="Check">The constraint.</param>
public sealed record AddCheckConstraintOperation(QualifiedName Table, CheckConstraintDefinition Check) : SchemaOperation
{
    /// <inheritdoc />
    public override string Description => $"add check {Rendering.Identifier.Quote(Check.Name)} on {Table.ToSql()} ({Check.Condition})";
}

/// <summary><c>ALTER TABLE … DROP CONSTRAINT</c> of a recognized CHECK constraint.</summary>
/// <param name="Table">The table.</param>
/// <param name="Check">The constraint, as it is before the change.</param>
public sealed record DropCheckConstraintOperation(QualifiedName Table, CheckConstraintDefinition Check) : SchemaOperation
{
    /// <inheritdoc />
    public override string Description => $"drop check {Rendering.Identifier.Quote(Check.Name)} on {Table.ToSql()}";
}
