using System.Collections.Generic;
using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Linq.Generators
{
    /// <summary>
    /// The PostgreSQL labels of a <c>[DbEnum]</c> enum: a member's <c>[Map("label")]</c>, else its name. Checks them once
    /// per enum (a NUL character, longer than PostgreSQL's 63 bytes, shared by two members), and reports <c>[Map]</c> on a field
    /// where it means nothing.
    /// </summary>
    internal static class EnumLabels
    {
        private const string MapAttribute = "Linq.MapAttribute";

        // PostgreSQL's NAMEDATALEN - 1: CREATE TYPE and ADD VALUE refuse a longer label.
        private const int MaxLabelBytes = 63;

        /// <summary>The members with a constant value, in declaration order (aliases of one value included).</summary>
        public static List<IFieldSymbol> Members(INamedTypeSymbol enumType) =>
            enumType.GetMembers().OfType<IFieldSymbol>().Where(f => f.HasConstantValue).ToList();

        /// <summary>The member's label: its <c>[Map]</c> argument, else its name.</summary>
        public static string Label(IFieldSymbol member) => MapArgument(member, out var label) ? label ?? "" : member.Name;

        /// <summary>A member name as C# source writes it (<c>@class</c>).</summary>
        public static string Escape(string name) => SyntaxFacts.GetKeywordKind(name) != SyntaxKind.None ? "@" + name : name;

        /// <summary>The label diagnostics of one <c>[DbEnum]</c> enum.</summary>
        public static EquatableArray<DiagnosticInfo> Check(INamedTypeSymbol enumType)
        {
            var diagnostics = new List<DiagnosticInfo>();
            var seen = new Dictionary<string, IFieldSymbol>(System.StringComparer.Ordinal);
            var name = enumType.ToDisplayString();
            foreach (var member in Members(enumType))
            {
                var label = Label(member);
                var location = MapLocation(member) ?? LocationInfo.From(member);
                var bytes = Encoding.UTF8.GetByteCount(label);
                if (label.IndexOf('\0') >= 0)
                {
                    diagnostics.Add(DiagnosticInfo.Create(EnumDiagnostics.InvalidLabel, location, member.Name, name));
                }
                else if (bytes > MaxLabelBytes)
                {
                    diagnostics.Add(DiagnosticInfo.Create(EnumDiagnostics.LabelTooLong, location, label, member.Name, name, bytes.ToString(System.Globalization.CultureInfo.InvariantCulture)));
                }

                if (seen.TryGetValue(label, out var first))
                {
                    diagnostics.Add(DiagnosticInfo.Create(EnumDiagnostics.LabelTwins, location, first.Name, member.Name, name, label));
                }
                else
                {
                    seen.Add(label, member);
                }
            }

            return diagnostics.ToEquatableArray();
        }

        /// <summary>
        /// <c>[Map]</c> on a field outside a <c>[DbEnum]</c> enum: a plain enum is stored by nobody (System.Text.Json
        /// writes its member names), and a class's field is no column, so the attribute would silently do nothing.
        /// </summary>
        public static EquatableArray<DiagnosticInfo> CheckMapTarget(ISymbol target)
        {
            if (target is not IFieldSymbol field)
            {
                return default;
            }

            var owner = field.ContainingType;
            if (owner.TypeKind == TypeKind.Enum && TypeMapping.FindAttribute(owner, "Linq.DbEnumAttribute") is not null)
            {
                return default;
            }

            var why = owner.TypeKind == TypeKind.Enum
                ? $"the enum '{owner.ToDisplayString()}' has no [DbEnum]. Add [DbEnum] to store it as a PostgreSQL enum type with this label; for the text System.Text.Json writes, use [JsonStringEnumMemberName]"
                : "it is a field, and only properties are columns. Make it a property";
            return new List<DiagnosticInfo>
            {
                DiagnosticInfo.Create(EnumDiagnostics.MapWithoutEffect, MapLocation(field) ?? LocationInfo.From(field), owner.Name + "." + field.Name, why),
            }.ToEquatableArray();
        }

        private static bool MapArgument(IFieldSymbol member, out string? label)
        {
            var map = TypeMapping.FindAttribute(member, MapAttribute);
            label = map is { ConstructorArguments.Length: 1 } ? map.ConstructorArguments[0].Value as string : null;
            return map is not null;
        }

        private static LocationInfo? MapLocation(IFieldSymbol member) =>
            TypeMapping.FindAttribute(member, MapAttribute)?.ApplicationSyntaxReference is { } syntax ? LocationInfo.From(syntax.GetSyntax().GetLocation()) : null;
    }
}
