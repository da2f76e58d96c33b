using Microsoft.CodeAnalysis;

namespace Linq.Generators
{
    /// <summary>Diagnostics of column features: full-text indexes and typed JSON columns.</summary>
    internal static class ColumnFeatureDiagnostics
    {
        private const string Category = "Linq.Model";

        public static readonly DiagnosticDescriptor BadFullTextIndex = Error("LINQ040", "Full-text index needs a text property and a configuration name",
            "[FullTextIndex] on '{0}.{1}' (a '{2}' column) with configuration '{3}': it needs a string property and the name of a text search configuration made of letters, digits and '_' (e.g. \"simple\", \"english\").");

        private static DiagnosticDescriptor Error(string id, string title, string message) =>
            new DiagnosticDescriptor(id, title, message, Category, DiagnosticSeverity.Error, isEnabledByDefault: true);
    }
}
