using Microsoft.CodeAnalysis;

namespace Linq.Generators
{
    /// <summary>Diagnostics of column features: full-text indexes and typed JSON columns.</summary>
    internal static class ColumnFeatureDiagnostics
    {
        private const string Category = "Linq.Model";

        public static readonly DiagnosticDescriptor BadFullTextIndex = Error("LINQ060", "Full-text index needs a text property and a configuration name",
            "[FullTextIndex] on '{0}.{1}' (a '{2}' column) with configuration '{3}': it needs a string property and the name of a text search configuration made of letters, digits and '_' (e.g. \"simple\", \"english\").");

        public static readonly DiagnosticDescriptor JsonContextMissing = Error("LINQ061", "[JsonColumn] needs a JsonSerializerContext",
            "[JsonColumn] on '{0}.{1}' names '{2}', which is not a JsonSerializerContext. Declare '[JsonSerializable(typeof(T))] internal partial class AppJsonContext : JsonSerializerContext;' and write [JsonColumn(typeof(AppJsonContext))]: values are serialized with its source-generated metadata, never by reflection.");

        public static readonly DiagnosticDescriptor JsonTypeNotRegistered = Error("LINQ062", "[JsonColumn] type is not in the JsonSerializerContext",
            "[JsonColumn] on '{0}.{1}': '{2}' has no [JsonSerializable(typeof({3}))]. Add that attribute to the context, so System.Text.Json generates the metadata this column is read and written with.");

        public static readonly DiagnosticDescriptor JsonTypeInfoName = Error("LINQ063", "[JsonColumn] type needs a TypeInfoPropertyName",
            "[JsonColumn] on '{0}.{1}': the property '{2}' generates for '{3}' has no name this generator can know. Set it: [JsonSerializable(typeof({3}), TypeInfoPropertyName = \"...\")].");

        private static DiagnosticDescriptor Error(string id, string title, string message) =>
            new DiagnosticDescriptor(id, title, message, Category, DiagnosticSeverity.Error, isEnabledByDefault: true);
    }
}
