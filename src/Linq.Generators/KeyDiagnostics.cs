using Microsoft.CodeAnalysis;

namespace Linq.Generators
{
    /// <summary>
    /// Diagnostics of key attributes that would otherwise be dropped without a word: a class-level key that lists no
    /// properties, and two <c>[Unique]</c>s on one property that make the same key.
    /// </summary>
    internal static class KeyDiagnostics
    {
        private const string Category = "Linq.Model";

        public static readonly DiagnosticDescriptor KeyWithoutProperties = Error("LINQ068", "Key lists no properties",
            "The [{0}] on model '{1}' lists no properties, so it makes no key. List them (e.g. [{0}(nameof(A), nameof(B))]), or put [Unique] on the property for a one-column unique key.");

        public static readonly DiagnosticDescriptor RepeatedUnique = Error("LINQ069", "Unique key repeated on one property",
            "Two [Unique] on property '{0}.{1}' make the same unique key '{2}'. Remove one, or give each its own Name for two constraints.");

        private static DiagnosticDescriptor Error(string id, string title, string message) =>
            new DiagnosticDescriptor(id, title, message, Category, DiagnosticSeverity.Error, isEnabledByDefault: true);
    }
}
