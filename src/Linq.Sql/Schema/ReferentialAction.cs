namespace Linq.Sql.Schema;

/// <summary>What a foreign key does when the referenced row is deleted or its key updated.</summary>
public enum ReferentialAction
{
    /// <summary><c>NO ACTION</c>: fail at the end of the statement.</summary>
    NoAction,
    /// <summary><c>RESTRICT</c>: fail at once.</summary>
    Restrict,
    /// <summary><c>CASCADE</c>: delete or update the referencing rows too.</summary>
    Cascade,
    /// <summary><c>SET NULL</c>.</summary>
    SetNull,
    /// <summary><c>SET DEFAULT</c>.</summary>
    SetDefault,
}
