using Linq.Contract;
using Linq.Sql.Syntax;
using Linq.Writing.Caching;

namespace Linq.Writing;

/// <summary>Collects one row of a create input as column names and typed parameter nodes (numbered when the statement is rendered).</summary>
/// <remarks>Given a <see cref="WriteShape"/>, it also records which columns are written and how, and the parameter nodes in order.</remarks>
internal sealed class InsertValueWriter(WriteShape? shape = null) : IColumnValueWriter
{
    public List<string> Columns { get; } = [];

    public List<SqlExpression> Values { get; } = [];

    /// <summary><c>INSERT INTO table (columns) VALUES (row) RETURNING every column</c>: the stored row, with what the database generated.</summary>
    public SqlInsertStatement Statement(ModelMetadata model) => new()
    {
        Table = new SqlTableReference(model.TableName),
        Columns = Columns,
        Rows = [Values],
        Returning = [.. model.Columns.Select(c => new SqlSelectItem(new SqlColumnExpression(null, c.ColumnName)))],
    };

    public void Write<TValue>(ColumnMetadata column, TValue value)
    {
        ColumnValueCheck.Check(column, value);
        shape?.Column('v', column.Ordinal);
        Add(column, new SqlParameter<TValue>(value, column.StoreType));
    }

    public void WriteNull(ColumnMetadata column)
    {
        shape?.Column('n', column.Ordinal);
        Add(column, new SqlParameter<object?>(null, column.StoreType));
    }

    // Columns left to the database are simply not listed, so PostgreSQL applies their default or identity.
    public void WriteDefault(ColumnMetadata column)
    {
    }

    private void Add(ColumnMetadata column, SqlParameterExpression value)
    {
        shape?.Parameter(value);
        Columns.Add(column.ColumnName);
        Values.Add(value);
    }
}
