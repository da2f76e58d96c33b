using Linq.Migrations.Introspection;
using Linq.Sql.Schema;
using Linq.Sql.Schema.Operations;

namespace Linq.Migrations.Safety;

/// <summary>
/// Classifies operations as safe or destructive, without a database. Destructive: dropping a table, a column or enum
/// labels; a type change that can lose data or fail (anything but a known widening such as <c>integer</c> to
/// <c>bigint</c> or anything to <c>text</c>); NOT NULL on an existing column, or a new NOT NULL column without default
/// on an existing table; a unique constraint, unique index, primary key, foreign key or range check added to an existing table.
/// Operations on tables created by the same list are safe.
/// </summary>
public static class OperationClassifier
{
    private static readonly string[] IntegerWidening = ["smallint", "integer", "bigint"];

    /// <summary>Classifies each operation, in order.</summary>
    public static IReadOnlyList<ClassifiedOperation> Classify(IReadOnlyList<SchemaOperation> operations)
    {
        ArgumentNullException.ThrowIfNull(operations);
        var created = operations.OfType<CreateTableOperation>().Select(o => o.Table.QualifiedName).ToHashSet();
        var addedColumns = operations.OfType<AddColumnOperation>().Select(o => (o.Table, o.Column.Name)).ToHashSet();
        return operations.Select(o => Classify(o, created, addedColumns)).ToList();
    }

    private static ClassifiedOperation Classify(SchemaOperation operation, HashSet<QualifiedName> created, HashSet<(QualifiedName, string)> addedColumns)
    {
        static ClassifiedOperation Safe(SchemaOperation o) => new(o, OperationSafety.Safe, null, LosesData: false);
        static ClassifiedOperation Loses(SchemaOperation o, string reason) => new(o, OperationSafety.Destructive, reason, LosesData: true);
        static ClassifiedOperation MayFail(SchemaOperation o, string reason) => new(o, OperationSafety.Destructive, reason, LosesData: false);

        switch (operation)
        {
            case DropTableOperation:
                return Loses(operation, "the table and all its rows are deleted");
            case DropColumnOperation:
                return Loses(operation, "the column's values are deleted");
            case RebuildEnumOperation rebuild when rebuild.RemovedLabels.Count > 0:
                return Loses(operation, "rows holding a dropped label make the migration fail; change them first");
            case AlterColumnTypeOperation alter when IsTimeZoneChange(alter.FromType, alter.ToType):
                return Loses(operation, "the values are converted through the session's time zone (an instant becomes that zone's wall-clock time, or the reverse); "
                    + "set the session's TimeZone to the one the values mean, or convert them in SQL with AT TIME ZONE");
            case AlterColumnTypeOperation alter when !IsWidening(alter.FromType, alter.ToType):
                return Loses(operation, $"values that do not convert to {alter.ToType} make the migration fail or lose precision");
            case SetNotNullOperation op when !created.Contains(op.Table) && !addedColumns.Contains((op.Table, op.Column)):
                return MayFail(operation, "fails if the column holds NULL");
            case AddColumnOperation { Column: { Nullable: false, Identity: false, Default: null } } op when !created.Contains(op.Table):
                return MayFail(operation, "a NOT NULL column without a default cannot be added to a table with rows");
            case AddUniqueConstraintOperation op when !created.Contains(op.Table):
                return MayFail(operation, "fails if the columns hold duplicate values");
            case CreateIndexOperation { Index.Unique: true } op when !created.Contains(op.Table):
                return MayFail(operation, "fails if the columns hold duplicate values");
            case AddPrimaryKeyOperation op when !created.Contains(op.Table):
                return MayFail(operation, "fails if the columns hold duplicate values or NULL");
            case AddCheckConstraintOperation op when !created.Contains(op.Table):
                return MayFail(operation, "fails if the column holds a value no decimal can read back: beyond ±79228162514264337593543950335, "
                    + "with more than 28 decimal places, or with more digits than decimal's 96 bits hold, counting the places of its scale "
                    + "(79228162514264337593543950001.5, or 59421121885698253195157962752.0); such a row cannot be read by the client today anyway: "
                    + $"find it with WHERE NOT ({op.Check.Condition}) and fix it first (round it, or cast it to fewer places)");
            case AddForeignKeyOperation op when !created.Contains(op.Table) && !created.Contains(op.ForeignKey.ReferencedQualifiedName):
                return MayFail(operation, "fails if rows reference keys that do not exist");
            default:
                return Safe(operation);
        }
    }

    /// <summary>Whether the change is between <c>timestamp</c> and <c>timestamptz</c> (<c>[WithoutTimeZone]</c> added or removed).</summary>
    internal static bool IsTimeZoneChange(string from, string to)
    {
        static string Base(string type) => type.Contains('(', StringComparison.Ordinal) ? type[..type.IndexOf('(', StringComparison.Ordinal)] + type[(type.IndexOf(')', StringComparison.Ordinal) + 1)..] : type;
        var pair = (Base(TypeNames.Normalize(from)), Base(TypeNames.Normalize(to)));
        return pair is ("timestamp", "timestamp with time zone") or ("timestamp with time zone", "timestamp");
    }

    /// <summary>Whether every value of <paramref name="from"/> converts to <paramref name="to"/> without loss.</summary>
    internal static bool IsWidening(string from, string to)
    {
        var f = TypeNames.Normalize(from);
        var t = TypeNames.Normalize(to);
        if (f == t)
        {
            return true;
        }

        if (TypeNames.IsArray(f) != TypeNames.IsArray(t))
        {
            return false;
        }

        if (TypeNames.IsArray(f))
        {
            return IsWidening(f[..^2], t[..^2]);
        }

        if (t is "text" or "character varying")
        {
            return true;
        }

        var fi = Array.IndexOf(IntegerWidening, f);
        var ti = Array.IndexOf(IntegerWidening, t);
        if (fi >= 0 && (ti >= fi || t == "numeric"))
        {
            return true;
        }

        return (f, t) switch
        {
            ("smallint" or "integer", "double precision") => true,
            ("smallint", "real") => true,
            ("real", "double precision") => true,
            ("date", "timestamp") => true,
            _ when f.StartsWith("numeric(", StringComparison.Ordinal) && t == "numeric" => true,
            _ when t.StartsWith("numeric(", StringComparison.Ordinal) => NumericFits(f, t),
            _ when f.StartsWith("character varying(", StringComparison.Ordinal) && t.StartsWith("character varying(", StringComparison.Ordinal) =>
                Length(f) <= Length(t),
            _ => false,
        };
    }

    // numeric(p2,s2) keeps every value of numeric(p1,s1) when it has as many decimal places and as many integer
    // digits; and every integer when it has the type's digits before the point.
    private static bool NumericFits(string from, string to)
    {
        var (p2, s2) = PrecisionAndScale(to);
        if (from.StartsWith("numeric(", StringComparison.Ordinal))
        {
            var (p1, s1) = PrecisionAndScale(from);
            return s2 >= s1 && p2 - s2 >= p1 - s1;
        }

        var digits = from switch { "smallint" => 5, "integer" => 10, "bigint" => 19, _ => int.MaxValue };
        return p2 - s2 >= digits;
    }

    private static (int Precision, int Scale) PrecisionAndScale(string type)
    {
        var inner = type[(type.IndexOf('(') + 1)..type.IndexOf(')')].Split(',');
        var precision = int.Parse(inner[0], System.Globalization.CultureInfo.InvariantCulture);
        return (precision, inner.Length > 1 ? int.Parse(inner[1], System.Globalization.CultureInfo.InvariantCulture) : 0);
    }

    private static int Length(string type) => int.Parse(type.AsSpan(type.IndexOf('(') + 1, type.IndexOf(')') - type.IndexOf('(') - 1), System.Globalization.CultureInfo.InvariantCulture);
}
