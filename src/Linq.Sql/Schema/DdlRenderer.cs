using System.Globalization;
using System.Text;
using Linq.Sql.Rendering;
using Linq.Sql.Schema.Operations;

namespace Linq.Sql.Schema;

/// <summary>
/// The one DDL renderer. <see cref="CreateScript"/> renders a <see cref="SchemaDefinition"/> for an empty database:
/// enum types first, then tables with their primary and unique keys, then foreign keys (added after all tables, so
/// cycles and declaration order never matter), then indexes. Recognized CHECK constraints are part of CREATE TABLE. <see cref="Render"/> and <see cref="Script"/> render
/// the operations of a schema change. Every identifier goes through <see cref="Identifier"/> and every literal
/// through <see cref="StringLiteral"/>; names are schema-qualified only when the definition carries a schema.
/// </summary>
public static class DdlRenderer
{
    /// <summary>Returns the statements, each ending in <c>;</c> and a newline.</summary>
    public static string CreateScript(SchemaDefinition schema)
    {
        ArgumentNullException.ThrowIfNull(schema);
        var sql = new StringBuilder();
        foreach (var type in schema.Enums)
        {
            CreateEnum(sql, type);
        }

        foreach (var table in schema.Tables)
        {
            CreateTable(sql, table);
            foreach (var unique in FoldedUniques.Of(table))
            {
                RenderTo(sql, new AddUniqueConstraintOperation(table.QualifiedName, unique));
            }
        }

        foreach (var table in schema.Tables)
        {
            foreach (var fk in table.ForeignKeys)
            {
                AddForeignKey(sql, table.QualifiedName, fk);
            }
        }

        foreach (var table in schema.Tables)
        {
            foreach (var index in table.Indexes)
            {
                CreateIndex(sql, table.QualifiedName, index);
            }
        }

        return sql.ToString();
    }

    /// <summary>
    /// Renders one operation: one statement ending in <c>;</c> and a newline, except <see cref="RebuildEnumOperation"/>,
    /// which needs one per step, <see cref="AddIdentityOperation"/>, which also moves the new sequence past the
    /// column's largest value, and <see cref="AddCheckConstraintOperation"/>, added <c>NOT VALID</c> and then validated.
    /// </summary>
    /// <exception cref="ArgumentException">An operation kind this renderer does not know.</exception>
    public static string Render(SchemaOperation operation)
    {
        ArgumentNullException.ThrowIfNull(operation);
        var sql = new StringBuilder();
        RenderTo(sql, operation);
        return sql.ToString();
    }

    /// <summary>
    /// Renders a change script: a header comment numbering the operations' descriptions, then
    /// <paramref name="notes"/> as comment lines (e.g. warnings), a blank line, and each operation's statements in order.
    /// </summary>
    /// <param name="operations">The operations, in the order they must run.</param>
    /// <param name="notes">Extra header lines; each becomes one comment line (line breaks in them cannot end the comment).</param>
    public static string Script(IReadOnlyList<SchemaOperation> operations, IEnumerable<string>? notes = null)
    {
        ArgumentNullException.ThrowIfNull(operations);
        var sql = new StringBuilder();
        sql.Append(CommentLine(operations.Count switch
        {
            0 => "No schema changes.",
            1 => "1 operation:",
            _ => operations.Count.ToString(CultureInfo.InvariantCulture) + " operations:",
        }));
        for (var i = 0; i < operations.Count; i++)
        {
            sql.Append(CommentLine("  " + (i + 1).ToString(CultureInfo.InvariantCulture) + ". " + operations[i].Description));
        }

        foreach (var note in notes ?? [])
        {
            sql.Append(CommentLine(note));
        }

        sql.Append('\n');
        foreach (var operation in operations)
        {
            RenderTo(sql, operation);
        }

        return sql.ToString();
    }

    /// <summary>
    /// Returns <c>-- text</c> and a newline, with every line break or other control character in <paramref name="text"/>
    /// replaced by <c>?</c>, so no text (e.g. a table name with a newline) can end the comment and become SQL.
    /// </summary>
    public static string CommentLine(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var line = new StringBuilder("-- ", text.Length + 4);
        foreach (var c in text)
        {
            line.Append(char.IsControl(c) || c is '\u2028' or '\u2029' ? '?' : c);
        }

        return line.Append('\n').ToString().TrimEnd(' ', '\n') + "\n";
    }

    private static void RenderTo(StringBuilder sql, SchemaOperation operation)
    {
        switch (operation)
        {
            case CreateEnumOperation op:
                CreateEnum(sql, op.Enum);
                break;
            case DropEnumOperation op:
                sql.Append("DROP TYPE ").Append(op.Enum.TypeName).Append(";\n");
                break;
            case AddEnumValueOperation op:
                sql.Append("ALTER TYPE ").Append(op.Enum.TypeName).Append(" ADD VALUE ").Append(StringLiteral.Quote(op.Label));
                if (op.Before is not null)
                {
                    sql.Append(" BEFORE ").Append(StringLiteral.Quote(op.Before));
                }
                else if (op.After is not null)
                {
                    sql.Append(" AFTER ").Append(StringLiteral.Quote(op.After));
                }

                sql.Append(";\n");
                break;
            case RebuildEnumOperation op:
                RebuildEnum(sql, op);
                break;
            case CreateTableOperation op:
                CreateTable(sql, op.Table);
                break;
            case DropTableOperation op:
                sql.Append("DROP TABLE ").Append(op.Table.QualifiedName.ToSql()).Append(";\n");
                break;
            case AddColumnOperation op:
                AlterTable(sql, op.Table).Append("ADD COLUMN ").Append(ColumnSql(op.Column)).Append(";\n");
                break;
            case DropColumnOperation op:
                AlterTable(sql, op.Table).Append("DROP COLUMN ").Append(Identifier.Quote(op.Column.Name)).Append(";\n");
                break;
            case AlterColumnTypeOperation op:
                AlterColumn(sql, op.Table, op.Column).Append("TYPE ").Append(op.ToType)
                    .Append(" USING ").Append(Identifier.Quote(op.Column)).Append("::");
                if (op.CastViaText)
                {
                    sql.Append(op.FromType.EndsWith("[]", StringComparison.Ordinal) ? "text[]::" : "text::");
                }

                sql.Append(op.ToType).Append(";\n");
                break;
            case SetNotNullOperation op:
                AlterColumn(sql, op.Table, op.Column).Append("SET NOT NULL;\n");
                break;
            case DropNotNullOperation op:
                AlterColumn(sql, op.Table, op.Column).Append("DROP NOT NULL;\n");
                break;
            case SetDefaultOperation op:
                AlterColumn(sql, op.Table, op.Column).Append("SET DEFAULT ").Append(op.Default.Sql).Append(";\n");
                break;
            case DropDefaultOperation op:
                AlterColumn(sql, op.Table, op.Column).Append("DROP DEFAULT;\n");
                break;
            case AddIdentityOperation op:
                // The new sequence starts at 1: move it past the values the column holds, or the next insert collides.
                AlterColumn(sql, op.Table, op.Column).Append("ADD GENERATED BY DEFAULT AS IDENTITY;\n");
                sql.Append("SELECT setval(pg_get_serial_sequence(").Append(StringLiteral.Quote(op.Table.ToSql())).Append(", ")
                    .Append(StringLiteral.Quote(op.Column)).Append("), coalesce(max(").Append(Identifier.Quote(op.Column))
                    .Append("), 0) + 1, false) FROM ").Append(op.Table.ToSql()).Append(";\n");
                break;
            case DropIdentityOperation op:
                AlterColumn(sql, op.Table, op.Column).Append("DROP IDENTITY;\n");
                break;
            case CreateIndexOperation op:
                CreateIndex(sql, op.Table, op.Index);
                break;
            case DropIndexOperation op:
                sql.Append("DROP INDEX ").Append(new QualifiedName(op.Table.Schema, op.Index.Name).ToSql()).Append(";\n");
                break;
            case AddUniqueConstraintOperation op:
                AlterTable(sql, op.Table).Append("ADD CONSTRAINT ").Append(Identifier.Quote(op.Unique.Name))
                    .Append(" UNIQUE (").Append(Columns(op.Unique.Columns)).Append(");\n");
                break;
            case DropUniqueConstraintOperation op:
                DropConstraint(sql, op.Table, op.Unique.Name);
                break;
            case AddPrimaryKeyOperation op:
                AlterTable(sql, op.Table).Append("ADD CONSTRAINT ").Append(Identifier.Quote(op.Name))
                    .Append(" PRIMARY KEY (").Append(Columns(op.Columns)).Append(");\n");
                break;
            case DropPrimaryKeyOperation op:
                DropConstraint(sql, op.Table, op.Name);
                break;
            case AddForeignKeyOperation op:
                AddForeignKey(sql, op.Table, op.ForeignKey);
                break;
            case DropForeignKeyOperation op:
                DropConstraint(sql, op.Table, op.ForeignKey.Name);
                break;
            case AddCheckConstraintOperation op:
                // NOT VALID takes the table's lock only for the catalog change; VALIDATE then scans the rows under a
                // lock that lets reads and writes go on.
                AlterTable(sql, op.Table).Append("ADD CONSTRAINT ").Append(Identifier.Quote(op.Check.Name))
                    .Append(" CHECK (").Append(op.Check.Condition).Append(") NOT VALID;\n");
                AlterTable(sql, op.Table).Append("VALIDATE CONSTRAINT ").Append(Identifier.Quote(op.Check.Name)).Append(";\n");
                break;
            case DropCheckConstraintOperation op:
                DropConstraint(sql, op.Table, op.Check.Name);
                break;
            default:
                throw new ArgumentException($"Unknown schema operation '{operation.GetType().Name}'.", nameof(operation));
        }
    }

    private static void CreateEnum(StringBuilder sql, EnumTypeDefinition type)
    {
        sql.Append("CREATE TYPE ").Append(type.TypeName).Append(" AS ENUM (");
        sql.AppendJoin(", ", type.Labels.Select(StringLiteral.Quote));
        sql.Append(");\n");
    }

    private static void RebuildEnum(StringBuilder sql, RebuildEnumOperation op)
    {
        sql.Append("ALTER TYPE ").Append(op.From.TypeName).Append(" RENAME TO ").Append(Identifier.Quote(op.TemporaryName)).Append(";\n");
        CreateEnum(sql, op.To);
        foreach (var table in op.Columns.GroupBy(c => c.Table))
        {
            AlterTable(sql, table.Key);
            var first = true;
            foreach (var column in table)
            {
                var type = op.To.TypeName + (column.IsArray ? "[]" : "");
                sql.Append(first ? "" : ", ").Append("ALTER COLUMN ").Append(Identifier.Quote(column.Column))
                    .Append(" TYPE ").Append(type).Append(" USING ").Append(Identifier.Quote(column.Column))
                    .Append(column.IsArray ? "::text[]::" : "::text::").Append(type);
                first = false;
            }

            sql.Append(";\n");
        }

        sql.Append("DROP TYPE ").Append(new QualifiedName(op.From.Schema, op.TemporaryName).ToSql()).Append(";\n");
    }

    private static void CreateTable(StringBuilder sql, TableDefinition table)
    {
        sql.Append("CREATE TABLE ").Append(table.QualifiedName.ToSql()).Append(" (\n");
        var parts = new List<string>();
        foreach (var column in table.Columns)
        {
            parts.Add("    " + ColumnSql(column));
        }

        if (table.PrimaryKey.Count > 0)
        {
            parts.Add($"    CONSTRAINT {Identifier.Quote(table.EffectivePrimaryKeyName)} PRIMARY KEY ({Columns(table.PrimaryKey)})");
        }

        for (var i = 0; i < table.Uniques.Count; i++)
        {
            // A key over the primary key's or an earlier key's columns is added after the table (see FoldedUniques).
            if (!FoldedUniques.IsFolded(table, i))
            {
                parts.Add($"    CONSTRAINT {Identifier.Quote(table.Uniques[i].Name)} UNIQUE ({Columns(table.Uniques[i].Columns)})");
            }
        }

        foreach (var check in table.Checks)
        {
            parts.Add($"    CONSTRAINT {Identifier.Quote(check.Name)} CHECK ({check.Condition})");
        }

        sql.AppendJoin(",\n", parts).Append("\n);\n");
    }

    private static string ColumnSql(ColumnDefinition column)
    {
        var part = new StringBuilder(Identifier.Quote(column.Name)).Append(' ').Append(column.TypeName);
        if (!column.Nullable)
        {
            part.Append(" NOT NULL");
        }

        if (column.Identity)
        {
            part.Append(" GENERATED BY DEFAULT AS IDENTITY");
        }
        else if (column.Default is { } @default)
        {
            part.Append(" DEFAULT ").Append(@default.Sql);
        }

        return part.ToString();
    }

    private static void AddForeignKey(StringBuilder sql, QualifiedName table, ForeignKeyDefinition fk) =>
        AlterTable(sql, table)
            .Append("ADD CONSTRAINT ").Append(Identifier.Quote(fk.Name))
            .Append(" FOREIGN KEY (").Append(Columns(fk.Columns)).Append(") REFERENCES ")
            .Append(fk.ReferencedQualifiedName.ToSql()).Append(" (").Append(Columns(fk.ReferencedColumns)).Append(')')
            .Append(" ON DELETE ").Append(Action(fk.OnDelete))
            .Append(" ON UPDATE ").Append(Action(fk.OnUpdate))
            .Append(";\n");

    private static void CreateIndex(StringBuilder sql, QualifiedName table, IndexDefinition index)
    {
        sql.Append(index.Unique ? "CREATE UNIQUE INDEX " : "CREATE INDEX ").Append(Identifier.Quote(index.Name)).Append(" ON ").Append(table.ToSql());
        if (index.TextSearchConfig is { } config)
        {
            // Exactly the expression Pg.Matches writes for the column, so the planner can match it.
            sql.Append(" USING gin (to_tsvector(").Append(StringLiteral.Quote(config)).Append("::regconfig, ")
                .Append(Columns(index.Columns)).Append("));\n");
            return;
        }

        // NULLS FIRST where the index asks for it; an index that asks for none is written as before.
        sql.Append(" (").AppendJoin(", ", index.Columns.Select(c => Identifier.Quote(c) + (index.IsNullsFirst(c) ? " NULLS FIRST" : ""))).Append(");\n");
    }

    private static void DropConstraint(StringBuilder sql, QualifiedName table, string name) =>
        AlterTable(sql, table).Append("DROP CONSTRAINT ").Append(Identifier.Quote(name)).Append(";\n");

    private static StringBuilder AlterTable(StringBuilder sql, QualifiedName table) =>
        sql.Append("ALTER TABLE ").Append(table.ToSql()).Append(' ');

    private static StringBuilder AlterColumn(StringBuilder sql, QualifiedName table, string column) =>
        AlterTable(sql, table).Append("ALTER COLUMN ").Append(Identifier.Quote(column)).Append(' ');

    private static string Columns(IReadOnlyList<string> columns) => string.Join(", ", columns.Select(Identifier.Quote));

    private static string Action(ReferentialAction action) => action switch
    {
        ReferentialAction.NoAction => "NO ACTION",
        ReferentialAction.Restrict => "RESTRICT",
        ReferentialAction.Cascade => "CASCADE",
        ReferentialAction.SetNull => "SET NULL",
        ReferentialAction.SetDefault => "SET DEFAULT",
        _ => throw new ArgumentOutOfRangeException(nameof(action)),
    };
}
