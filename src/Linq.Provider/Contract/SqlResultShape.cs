using System.ComponentModel;
using Npgsql;

namespace Linq.Contract;

/// <summary>
/// The generated reader of one row type (a <c>[Model]</c> or a <c>[SqlResult]</c> type): its members and a
/// delegate that builds one instance from the current row, reading member <c>i</c> through
/// <see cref="SqlResultColumns"/>. Created by generated code; see <see cref="SqlResultRegistry"/>.
/// </summary>
/// <typeparam name="T">The row type.</typeparam>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class SqlResultShape<T>
{
    /// <summary>Called by generated code.</summary>
    /// <param name="typeName">The row type's name, for messages.</param>
    /// <param name="members">The members, indexed as <paramref name="read"/> reads them.</param>
    /// <param name="read">Builds one instance from the current row.</param>
    public SqlResultShape(string typeName, SqlResultMember[] members, Func<NpgsqlDataReader, SqlResultColumns, T> read)
    {
        ArgumentNullException.ThrowIfNull(typeName);
        ArgumentNullException.ThrowIfNull(members);
        ArgumentNullException.ThrowIfNull(read);
        TypeName = typeName;
        Members = members;
        Read = read;
    }

    /// <summary>The row type's name.</summary>
    public string TypeName { get; }

    /// <summary>The members in the order the reader indexes them.</summary>
    public IReadOnlyList<SqlResultMember> Members { get; }

    /// <summary>Builds one instance from the current row.</summary>
    public Func<NpgsqlDataReader, SqlResultColumns, T> Read { get; }
}
