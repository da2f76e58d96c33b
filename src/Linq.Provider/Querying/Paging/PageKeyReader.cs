using Linq.Contract;
using Npgsql;

namespace Linq.Querying.Paging;

/// <summary>Reads the ordering keys of a page query's row (selected after the row's own columns), typed per column, boxed for the cursor.</summary>
internal sealed class PageKeyReader(IReadOnlyList<(int Ordinal, ScalarType Type)> keys)
{
    public object?[] Read(NpgsqlDataReader reader)
    {
        var values = new object?[keys.Count];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = keys[i].Type.ReadBoxed(reader, keys[i].Ordinal);
        }

        return values;
    }
}
