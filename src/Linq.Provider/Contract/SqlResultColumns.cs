using System.ComponentModel;
using Npgsql;

namespace Linq.Contract;

/// <summary>
/// The columns of one raw query's result matched to the members of a row type, resolved once from the reader's
/// schema before the first row is read: each member's ordinal (or none), with its server type checked. The
/// generated reader reads member <c>i</c> through <see cref="Value{T}"/>, <see cref="ValueOrNull{T}"/> or
/// <see cref="ReferenceOrNull{T}"/>, which report a NULL or an unreadable value naming the column and member.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed partial class SqlResultColumns
{
    private readonly string _typeName;
    private readonly IReadOnlyList<SqlResultMember> _members;
    private readonly int[] _ordinals;
    private readonly string[] _names;

    private SqlResultColumns(string typeName, IReadOnlyList<SqlResultMember> members, int[] ordinals, string[] names)
    {
        _typeName = typeName;
        _members = members;
        _ordinals = ordinals;
        _names = names;
    }

    /// <summary>
    /// Matches the members to the reader's columns: a column with exactly the member's column name, else the one
    /// equal to it ignoring case and underscores. Fails, naming the column, when a required member has none, when
    /// two columns match one member, or when a column's server type cannot be read as the member's type.
    /// </summary>
    internal static SqlResultColumns Resolve(string typeName, IReadOnlyList<SqlResultMember> members, NpgsqlDataReader reader)
    {
        var names = new string[reader.FieldCount];
        var relaxed = new string[names.Length];
        for (var i = 0; i < names.Length; i++)
        {
            names[i] = reader.GetName(i);
            relaxed[i] = Relax(names[i]);
        }

        var ordinals = new int[members.Count];
        for (var m = 0; m < members.Count; m++)
        {
            var member = members[m];
            var ordinal = Find(names, member.Column, typeName, member, names);
            if (ordinal < 0)
            {
                var wanted = Relax(member.Column);
                ordinal = Find(relaxed, wanted, typeName, member, names);
            }

            if (ordinal < 0 && member.IsRequired)
            {
                throw Errors.Missing(typeName, member, names);
            }

            if (ordinal >= 0 && !ColumnTypes.CanRead(member.Type, reader.GetDataTypeName(ordinal)))
            {
                throw Errors.Mismatch(names[ordinal], reader.GetDataTypeName(ordinal), typeName + "." + member.Name, member.TypeName);
            }

            ordinals[m] = ordinal;
        }

        return new SqlResultColumns(typeName, members, ordinals, names);
    }

    /// <summary>Whether the result has a column for member <paramref name="member"/> (optional members may have none).</summary>
    public bool Has(int member) => _ordinals[member] >= 0;

    /// <summary>Reads member <paramref name="member"/>, which cannot hold NULL.</summary>
    public T Value<T>(NpgsqlDataReader reader, int member)
    {
        ArgumentNullException.ThrowIfNull(reader);
        return Read<T>(reader, member);
    }

    /// <summary>Reads member <paramref name="member"/> of a nullable value type; NULL reads as null.</summary>
    public T? ValueOrNull<T>(NpgsqlDataReader reader, int member) where T : struct
    {
        ArgumentNullException.ThrowIfNull(reader);
        return reader.IsDBNull(_ordinals[member]) ? null : Read<T>(reader, member);
    }

    /// <summary>Reads member <paramref name="member"/> of a nullable reference type; NULL reads as null.</summary>
    public T? ReferenceOrNull<T>(NpgsqlDataReader reader, int member) where T : class
    {
        ArgumentNullException.ThrowIfNull(reader);
        return reader.IsDBNull(_ordinals[member]) ? null : Read<T>(reader, member);
    }

    // GetFieldValue itself refuses NULL for value types and strings alike; the failure is then explained.
    private T Read<T>(NpgsqlDataReader reader, int member)
    {
        try
        {
            return reader.GetFieldValue<T>(_ordinals[member]);
        }
        catch (Exception error) when (error is InvalidCastException or OverflowException)
        {
            throw Failure(reader, member, error);
        }
    }

    private InvalidCastException Failure(NpgsqlDataReader reader, int member, Exception error)
    {
        var ordinal = _ordinals[member];
        var m = _members[member];
        var target = _typeName + "." + m.Name;
        return Errors.Read(reader, ordinal, _names[ordinal], target, m.TypeName, error);
    }

    // The one column equal to wanted (ordinal comparison), or -1; two are an error naming them as the server does.
    private static int Find(string[] columns, string wanted, string typeName, SqlResultMember member, string[] names)
    {
        var found = -1;
        for (var i = 0; i < columns.Length; i++)
        {
            if (!string.Equals(columns[i], wanted, StringComparison.Ordinal))
            {
                continue;
            }

            if (found >= 0)
            {
                throw Errors.Ambiguous(typeName, member,
                    Enumerable.Range(0, columns.Length).Where(j => string.Equals(columns[j], wanted, StringComparison.Ordinal)).Select(j => names[j]));
            }

            found = i;
        }

        return found;
    }

    // created_at, CreatedAt and CREATEDAT are the same name here.
    private static string Relax(string name) => name.Replace("_", "", StringComparison.Ordinal).ToLowerInvariant();
}
