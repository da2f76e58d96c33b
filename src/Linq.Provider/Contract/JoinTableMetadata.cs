using System.ComponentModel;
using Linq.Sql.Schema;

namespace Linq.Contract;

/// <summary>
/// The join table of an implicit many-to-many relation, seen from one side: <see cref="SourceColumn"/> references the
/// primary key of the model declaring the navigation, <see cref="TargetColumn"/> the related model's. Both sides of a
/// relation name the same table with the columns swapped.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class JoinTableMetadata
{
    /// <summary>Created by generated code only.</summary>
    public JoinTableMetadata(string tableName, string sourceColumn, string targetColumn)
    {
        TableName = tableName;
        SourceColumn = sourceColumn;
        TargetColumn = targetColumn;
    }

    /// <summary>The join table's name.</summary>
    public string TableName { get; }

    /// <summary>The column holding the key of the navigation's own model.</summary>
    public string SourceColumn { get; }

    /// <summary>The column holding the key of the related model.</summary>
    public string TargetColumn { get; }

    /// <summary>
    /// The join table's DDL: both columns NOT NULL, the pair as primary key, an index on the second column (the first
    /// is the primary key's leading column), and foreign keys that cascade, so deleting a row removes its pairs.
    /// </summary>
    internal TableDefinition ToTableDefinition(ModelMetadata source, ModelMetadata target)
    {
        var (first, second) = string.CompareOrdinal(SourceColumn, TargetColumn) < 0 ? ((SourceColumn, source), (TargetColumn, target)) : ((TargetColumn, target), (SourceColumn, source));
        var columns = new List<ColumnDefinition>
        {
            new(first.Item1, KeyOf(first.Item2).StoreType, Nullable: false),
            new(second.Item1, KeyOf(second.Item2).StoreType, Nullable: false),
        };
        var foreignKeys = new List<ForeignKeyDefinition>
        {
            new(TableName + "_" + first.Item1 + "_fkey", [first.Item1], first.Item2.TableName, [KeyOf(first.Item2).ColumnName], ReferentialAction.Cascade),
            new(TableName + "_" + second.Item1 + "_fkey", [second.Item1], second.Item2.TableName, [KeyOf(second.Item2).ColumnName], ReferentialAction.Cascade),
        };
        return new TableDefinition(TableName, columns, [first.Item1, second.Item1], [], foreignKeys,
            [new IndexDefinition(TableName + "_" + second.Item1 + "_index", [second.Item1])], PrimaryKeyName: TableName + "_" + first.Item1 + second.Item1 + "_pkey");
    }

    /// <summary>The single primary key column a join table references (the generator refuses composite keys).</summary>
    internal static ColumnMetadata KeyOf(ModelMetadata model) => model.PrimaryKey.Columns[0];
}
