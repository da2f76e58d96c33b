using Microsoft.CodeAnalysis;

namespace Linq.Generators
{
    /// <summary>Diagnostics of <c>[DbEnum]</c> labels (<c>[Map]</c> on enum members), reported once per enum.</summary>
    internal static class EnumDiagnostics
    {
        private const string Category = "Linq.Model";

        // An empty label is allowed: PostgreSQL takes '' as a label, and a pulled schema may have one.
        public static readonly DiagnosticDescriptor InvalidLabel = Error("LINQ072", "Enum label holds a NUL character",
            "The label of member '{0}' of the [DbEnum] enum '{1}' holds a NUL character, which PostgreSQL cannot store in a label (or any text). Give [Map] a label without it.");

        public static readonly DiagnosticDescriptor LabelTooLong = Error("LINQ073", "Enum label is longer than 63 bytes",
            "The label '{0}' of member '{1}' of the [DbEnum] enum '{2}' is {3} bytes long in UTF-8; PostgreSQL's enum labels hold at most 63 bytes, so CREATE TYPE would fail. Give the member a shorter label with [Map(\"…\")].");

        public static readonly DiagnosticDescriptor LabelTwins = Error("LINQ074", "Two enum members have the same label",
            "Members '{0}' and '{1}' of the [DbEnum] enum '{2}' both have the label '{3}': a PostgreSQL enum type holds each label once, so CREATE TYPE would fail and a value read back could not tell them apart. Give one of them another label with [Map(\"…\")].");

        public static readonly DiagnosticDescriptor MapWithoutEffect = Error("LINQ075", "[Map] on a field has no effect",
            "[Map] on '{0}' would do nothing: [Map] names the column of a model property, or the PostgreSQL label of a member of a [DbEnum] enum, and {1}.");

        private static DiagnosticDescriptor Error(string id, string title, string message) =>
            new DiagnosticDescriptor(id, title, message, Category, DiagnosticSeverity.Error, isEnabledByDefault: true);
    }
}
