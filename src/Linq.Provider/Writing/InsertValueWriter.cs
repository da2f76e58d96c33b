using Linq.Contract;
using Linq.Sql.Syntax;
using Npgsql;

namespace Linq.Writing;

/// <summary>Collects one row of a create input as column names and typed parameters (numbered after those already in <paramref name="parameters"/>).</summary>
internal sealed class InsertValueWriter(List<NpgsqlParameter> parameters) : IColumnValueWriter
{
    public InsertValueWriter()
        : this([])
    {
    }

    public List<string> Columns { get; } = [];

    public List<SqlExpression> Values { get; } = [];

    public List<NpgsqlParameter> Parameters => parameters;

    /// <summary><c>INSERT INTO table (columns) VALUES (row) RETURNING every column</c>: the stored row, with what the database generated.</summary>
    public SqlInsertStatement Statement(ModelMetadata model) => new()
    {
        Table = new SqlTableReference(model.TableName),
        Columns = Columns,
        Rows = [Values],
        Returning = [.. model.Columns.Select(c => new SqlSelectItem(new SqlColumnExpression(null, c.ColumnName)))],
    };

    public void Write<TValue>(ColumnMetadata column, TValue value) => Add(column, Typed.Parameter(column, value));

    public void WriteNull(ColumnMetadata column) => Add(column, Typed.Null(column));

    // Columns left to the database are simply not listed, so PostgreSQL applies their default or identity.
    public void WriteDefault(ColumnMetadata column)
    {
    }

    private void Add(ColumnMetadata column, NpgsqlParameter parameter)
    {
        Columns.Add(column.ColumnName);
        Values.Add(new Sql.Syntax.SqlParameterExpression(parameters.Count));
        parameters.Add(parameter);
    }
}
