using Npgsql;

namespace Linq.RawSql;

/// <summary>
/// Reads each row as a dictionary from column name to value (Npgsql's default CLR type for the column; NULL is
/// null). The names are read and checked to be distinct at the first row.
/// </summary>
internal sealed class DictionaryRowReader
{
    private string[]? _names;

    public Dictionary<string, object?> Read(NpgsqlDataReader reader)
    {
        var names = _names ??= Names(reader);
        var row = new Dictionary<string, object?>(names.Length, StringComparer.Ordinal);
        for (var i = 0; i < names.Length; i++)
        {
            row.Add(names[i], reader.IsDBNull(i) ? null : reader.GetValue(i));
        }

        return row;
    }

    private static string[] Names(NpgsqlDataReader reader)
    {
        var names = new string[reader.FieldCount];
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < names.Length; i++)
        {
            names[i] = reader.GetName(i);
            if (!seen.Add(names[i]))
            {
                throw RawSqlErrors.DuplicateColumn(names[i]);
            }
        }

        return names;
    }
}
