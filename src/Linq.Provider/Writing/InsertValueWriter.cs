using Linq.Execution;
using Linq.Modeling;
using Linq.Sql.Syntax;
using Npgsql;

namespace Linq.Writing;

/// <summary>Collects one row of a create input as column names, parameter slots and typed parameters.</summary>
internal sealed class InsertValueWriter : IColumnValueWriter
{
    public List<string> Columns { get; } = [];

    public List<SqlExpression> Values { get; } = [];

    public List<NpgsqlParameter> Parameters { get; } = [];

    public void Write<TValue>(ColumnMetadata column, TValue value)
    {
        var parameter = new NpgsqlParameter<TValue> { TypedValue = value };
        Add(column, parameter);
    }

    public void WriteNull(ColumnMetadata column) => Add(column, new NpgsqlParameter { Value = DBNull.Value });

    // Columns left to the database are simply not listed, so PostgreSQL applies their default or identity.
    public void WriteDefault(ColumnMetadata column)
    {
    }

    private void Add(ColumnMetadata column, NpgsqlParameter parameter)
    {
        if (StoreTypes.ToNpgsqlDbType(column.StoreType) is { } type)
        {
            parameter.NpgsqlDbType = type;
        }

        Columns.Add(column.ColumnName);
        Values.Add(new Sql.Syntax.ParameterExpression(Parameters.Count));
        Parameters.Add(parameter);
    }
}
