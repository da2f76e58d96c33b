using Microsoft.CodeAnalysis;

namespace Linq.Generators
{
    /// <summary>
    /// Diagnostics of names the database cannot take: names PostgreSQL would make equal (it cuts identifiers to 63 bytes,
    /// so names distinct in the model can meet in the database; messages name both model objects, the shared name and how
    /// to rename one), and explicit key names that are empty.
    /// </summary>
    internal static class NameDiagnostics
    {
        private const string Category = "Linq.Model";

        public static readonly DiagnosticDescriptor RelationNameCollision = Error("LINQ064", "Two relations get the same name in PostgreSQL",
            "{0} ('{1}') and {2} ('{3}') are both named '{4}' in PostgreSQL, which cuts identifiers to 63 bytes; tables, views and indexes share one namespace per schema. Give {2} another name: {5}.");

        public static readonly DiagnosticDescriptor ColumnNameCollision = Error("LINQ065", "Two columns get the same name in PostgreSQL",
            "Properties '{0}' and '{1}' of model '{2}' map to columns '{3}' and '{4}', which are both '{5}' in PostgreSQL (it cuts identifiers to 63 bytes). Give '{1}' a shorter column name with [Map(\"…\")].");

        public static readonly DiagnosticDescriptor ConstraintNameCollision = Error("LINQ066", "Two constraints of a table get the same name in PostgreSQL",
            "{0} ('{1}') and {2} ('{3}') of table '{4}' are both named '{5}' in PostgreSQL, which cuts identifiers to 63 bytes; a table's constraints need distinct names. Give {2} another name: {6}.");

        public static readonly DiagnosticDescriptor EmptyKeyName = Error("LINQ067", "Key name is empty",
            "The [{0}] of {1} has an empty or blank Name. Give it a name, or leave Name out for the default name.");

        public static readonly DiagnosticDescriptor EnumTypeNameCollision = Error("LINQ070", "An enum type and a table get the same type name in PostgreSQL",
            "The [DbEnum] type '{0}' of enum '{1}' (used by model '{2}') and {3} ('{4}') are both named '{5}' among PostgreSQL's types: every table and view has a row type of its name, so the migration would fail with 'type \"{5}\" already exists'. Give the enum another type name with [DbEnum(Name = \"…\")].");

        public static readonly DiagnosticDescriptor EnumTypeTwins = Error("LINQ071", "Two enums get the same type name in PostgreSQL",
            "The [DbEnum] types of enums '{0}' ('{1}', used by model '{2}') and '{3}' ('{4}', used by model '{5}') are both named '{6}' in PostgreSQL, which cuts identifiers to 63 bytes: the second CREATE TYPE would fail with 'type \"{6}\" already exists', and one type cannot hold both enums. Give '{0}' another type name with [DbEnum(Name = \"…\")].");

        private static DiagnosticDescriptor Error(string id, string title, string message) =>
            new DiagnosticDescriptor(id, title, message, Category, DiagnosticSeverity.Error, isEnabledByDefault: true);
    }
}
