using Microsoft.CodeAnalysis;

namespace Linq.Generators
{
    /// <summary>The diagnostics of <c>[SqlResult]</c> types (kept apart from the model diagnostics).</summary>
    internal static class SqlResultDiagnostics
    {
        private const string Category = "Linq.SqlResult";

        public static readonly DiagnosticDescriptor InvalidType = new DiagnosticDescriptor("LINQ015", "[SqlResult] type cannot have a generated reader",
            "[SqlResult] type '{0}' {1}. Make it a non-generic, non-abstract class, record or struct that code in its assembly can reach (public or internal, also the types it is nested in).",
            Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

        public static readonly DiagnosticDescriptor NoConstructor = new DiagnosticDescriptor("LINQ016", "[SqlResult] type has no constructor to read rows with",
            "[SqlResult] type '{0}' has {1}. Give it a parameterless constructor, or exactly one public or internal constructor (a record's primary constructor is used when it has one).",
            Category, DiagnosticSeverity.Error, isEnabledByDefault: true);
    }
}
