using Linq.Contract;
using Npgsql;

namespace Linq.RawSql;

/// <summary>Reads rows with a generated reader; the columns are matched at the first row, once per query.</summary>
internal sealed class ShapeRowReader<T>(SqlResultShape<T> shape)
{
    private SqlResultColumns? _columns;

    public T Read(NpgsqlDataReader reader)
    {
        var columns = _columns ??= SqlResultColumns.Resolve(shape.TypeName, shape.Members, reader);
        return shape.Read(reader, columns);
    }
}
