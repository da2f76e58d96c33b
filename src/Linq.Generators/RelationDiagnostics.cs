using Microsoft.CodeAnalysis;

namespace Linq.Generators
{
    /// <summary>Diagnostics of many-to-many relations and views. Messages say what is wrong and how to fix it.</summary>
    internal static class RelationDiagnostics
    {
        private const string Category = "Linq.Model";

        public static readonly DiagnosticDescriptor ManyToManyNotCollection = Error("LINQ040", "[ManyToMany] needs a collection",
            "[ManyToMany] on '{0}.{1}' needs a collection navigation (List<{2}>). Make it a List<{2}>, or use [Relation] for a single related row.");

        public static readonly DiagnosticDescriptor ManyToManyNoCounterpart = Error("LINQ041", "Many-to-many has no counterpart",
            "'{0}.{1}' is a many-to-many navigation, but '{2}' has no {3}collection of '{0}' to pair it with. Add 'public List<{0}> … {{ get; set; }} = [];' to '{2}'{4}.");

        public static readonly DiagnosticDescriptor ManyToManyAmbiguous = Error("LINQ042", "Many-to-many navigations are ambiguous",
            "'{0}.{1}' cannot be paired: {2}. Give each pair the same name on both sides, e.g. [ManyToMany(\"{3}\")].");

        public static readonly DiagnosticDescriptor ManyToManyNeedsSingleKey = Error("LINQ043", "Many-to-many needs a single-column key",
            "Many-to-many '{0}.{1}' needs '{2}' to have a single-column [Id] (the join table references it) and to be a table, not a [View]. Use an explicit join model with two [Relation]s instead.");

        public static readonly DiagnosticDescriptor JoinTableNameTaken = Error("LINQ044", "Join table name is taken",
            "The join table '{0}' of '{1}.{2}' is already {3}. Name the relation with [ManyToMany(\"…\")] on both sides.");

        public static readonly DiagnosticDescriptor ModelAndView = Error("LINQ045", "Class is both a model and a view",
            "'{0}' has both [Model] and [View]. Keep [Model] for a table or [View(\"name\")] for a read-only view.");

        // A warning, not an error (Prisma refuses it): PostgreSQL accepts such a key, so schemas that `db pull` reads
        // have it, and their models must still compile.
        public static readonly DiagnosticDescriptor ActionNullsRequiredKey = new DiagnosticDescriptor("LINQ046", "Referential action cannot succeed",
            "[Relation(On{1} = {2})] on '{0}' would set '{3}' to NULL when the referenced row is {4}, but '{3}' cannot be NULL{5}: the {6} then fails (P2011). Make the foreign key nullable{7}, or choose Restrict or Cascade.",
            Category, DiagnosticSeverity.Warning, isEnabledByDefault: true);

        private static DiagnosticDescriptor Error(string id, string title, string message) =>
            new DiagnosticDescriptor(id, title, message, Category, DiagnosticSeverity.Error, isEnabledByDefault: true);
    }
}
