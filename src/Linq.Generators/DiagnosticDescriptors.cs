using Microsoft.CodeAnalysis;

namespace Linq.Generators
{
    /// <summary>Every diagnostic the generator reports. Messages say what is wrong and how to fix it.</summary>
    internal static class DiagnosticDescriptors
    {
        private const string Category = "Linq.Model";

        public static readonly DiagnosticDescriptor MissingId = Error("LINQ001", "Model has no primary key",
            "Model '{0}' has no [Id] property. Mark its primary key property with [Id] (several properties for a composite key).");

        public static readonly DiagnosticDescriptor NotPartial = Error("LINQ002", "Class must be partial",
            "'{0}' must be declared 'partial' so the generator can add its {1}. Add the 'partial' modifier.");

        public static readonly DiagnosticDescriptor MissingForeignKey = Error("LINQ003", "Relation names a missing property",
            "[Relation] on '{0}.{1}' names '{2}', but '{3}' has no such mapped property. Add the foreign key property or fix the name (use nameof).");

        public static readonly DiagnosticDescriptor ForeignKeyTypeMismatch = Error("LINQ004", "Foreign key type does not match",
            "Foreign key '{0}.{1}' is of type '{2}' but references '{3}.{4}' of type '{5}'. Give the foreign key the referenced key's type (nullable for an optional relation).");

        public static readonly DiagnosticDescriptor RelationTargetNotModel = Error("LINQ005", "Relation target is not a model",
            "Navigation '{0}.{1}' points to '{2}', which is not a [Model]. Mark '{2}' with [Model] or remove the navigation.");

        public static readonly DiagnosticDescriptor UnmappableType = Error("LINQ006", "Property type cannot be mapped",
            "Property '{0}.{1}' has type '{2}', which has no PostgreSQL mapping. Use a supported type (int, long, short, bool, string, decimal, double, float, Guid, DateTime, DateTimeOffset, DateOnly, TimeOnly, byte[], a [DbEnum] enum, arrays of these, JsonDocument, JsonElement), make it a navigation to a [Model], or make it get-only to leave it unmapped.");

        public static readonly DiagnosticDescriptor DuplicateColumn = Error("LINQ007", "Two members map to the same column",
            "Properties '{0}' and '{1}' of model '{2}' both map to column '{3}'. Give one of them another name with [Map(\"…\")].");

        public static readonly DiagnosticDescriptor NoRelationForNavigation = Error("LINQ008", "Navigation has no relation",
            "Navigation '{0}.{1}' has no matching [Relation] on '{2}' pointing back to '{0}'{3}. Add [Relation(nameof(ForeignKey))] to a navigation on '{2}' that points to '{0}'.");

        public static readonly DiagnosticDescriptor OneToOneNeedsUniqueKey = Error("LINQ009", "One-to-one needs a unique foreign key",
            "Navigation '{0}.{1}' is a single '{2}', so the foreign key '{2}.{3}' must be unique. Mark it [Unique], or make '{0}.{1}' a List<{2}>.");

        public static readonly DiagnosticDescriptor DatabaseNotLinqDatabase = Error("LINQ010", "Database class must derive from LinqDatabase",
            "[Database] class '{0}' must derive from Linq.LinqDatabase. Declare it as 'public partial class {0} : LinqDatabase;'.");

        public static readonly DiagnosticDescriptor UnknownKeyField = Error("LINQ011", "Key names an unknown property",
            "[{0}] on model '{1}' names '{2}', which is not a mapped property of '{1}'. Use nameof(…) of a scalar property.");

        public static readonly DiagnosticDescriptor AutoIncrementNotInteger = Error("LINQ012", "AutoIncrement needs an integer",
            "[AutoIncrement] on '{0}.{1}' needs an int, long or short property, not '{2}'.");

        public static readonly DiagnosticDescriptor BadDefault = Error("LINQ013", "Default value does not fit the property",
            "[Default] on '{0}.{1}' has a value of type '{2}' that does not fit '{3}'. Use a constant of the property's type.");

        public static readonly DiagnosticDescriptor NestedOrGenericModel = Error("LINQ014", "Model must be a top-level non-generic class",
            "Model '{0}' must be a top-level, non-generic class.");

        public static readonly DiagnosticDescriptor IncludeNotDatabase = Error("LINQ017", "Included type is not a generated database",
            "[Database] class '{0}' includes '{1}', which is not a [Database] class completed by the generator. Include [Database] classes of referenced projects that use the Linq generator.");

        public static readonly DiagnosticDescriptor ColumnAttributeMisuse = Error("LINQ050", "Column attribute does not fit the property",
            "[{0}] on '{1}.{2}' {3}.");

        private static DiagnosticDescriptor Error(string id, string title, string message) =>
            new DiagnosticDescriptor(id, title, message, Category, DiagnosticSeverity.Error, isEnabledByDefault: true);
    }
}
