using System.ComponentModel;

namespace Linq.Contract;

/// <summary>
/// One member of a raw-SQL row type (a constructor parameter or a property), as the generated reader
/// describes it: which column it wants and what it can hold. Created by generated code.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class SqlResultMember
{
    /// <summary>Called by generated code.</summary>
    /// <param name="name">The member's name, for messages.</param>
    /// <param name="column">The column name to look for (the member name or its <c>[Map]</c> name).</param>
    /// <param name="type">The member's type without <c>Nullable&lt;&gt;</c>, checked against the column's server type.</param>
    /// <param name="typeName">The member's type as written in C#, for messages.</param>
    /// <param name="allowsNull">Whether NULL may be read into the member.</param>
    /// <param name="isRequired">Whether a missing column is an error (otherwise the member is left alone).</param>
    public SqlResultMember(string name, string column, Type type, string typeName, bool allowsNull, bool isRequired)
    {
        Name = name;
        Column = column;
        Type = type;
        TypeName = typeName;
        AllowsNull = allowsNull;
        IsRequired = isRequired;
    }

    /// <summary>The member's name.</summary>
    public string Name { get; }

    /// <summary>The column name it is matched with.</summary>
    public string Column { get; }

    /// <summary>The member's type without <c>Nullable&lt;&gt;</c>.</summary>
    public Type Type { get; }

    /// <summary>The member's type as written in C#.</summary>
    public string TypeName { get; }

    /// <summary>Whether NULL may be read into the member.</summary>
    public bool AllowsNull { get; }

    /// <summary>Whether the result must have a column for it.</summary>
    public bool IsRequired { get; }
}
