using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace Linq.Generators
{
    /// <summary>
    /// <c>[JsonColumn(typeof(MyJsonContext))]</c> properties: a jsonb column of a plain C# type, written and read with the
    /// <c>JsonTypeInfo</c> that System.Text.Json's generator adds to the user's context. This generator cannot see that
    /// output, so it checks the context's <c>[JsonSerializable(typeof(T))]</c> attributes and names the property the
    /// other generator creates (<c>TypeInfoPropertyName</c>, or the type's name).
    /// </summary>
    internal static class JsonColumns
    {
        private const string ContextBase = "System.Text.Json.Serialization.JsonSerializerContext";

        /// <summary>The property as a jsonb column, or null when it has no <c>[JsonColumn]</c>.</summary>
        public static PropertyInfo? Read(IPropertySymbol property, PropertyInfo info, ITypeSymbol type)
        {
            var attribute = TypeMapping.FindAttribute(property, "Linq.JsonColumnAttribute");
            if (attribute is null)
            {
                return null;
            }

            var map = TypeMapping.FindAttribute(property, "Linq.MapAttribute");
            info = info with
            {
                Kind = PropertyKind.Scalar,
                StoreType = "jsonb",
                ColumnName = map?.ConstructorArguments.FirstOrDefault().Value as string ?? property.Name,
                JsonContext = "",
            };

            var context = attribute.ConstructorArguments.Length == 1 ? attribute.ConstructorArguments[0].Value as INamedTypeSymbol : null;
            if (context is null || !DerivesFrom(context, ContextBase))
            {
                return info with { JsonError = 1, JsonContext = context?.ToDisplayString() ?? "null" };
            }

            info = info with { JsonContext = context.ToDisplayString() };
            string? propertyName = null;
            var registered = false;
            foreach (var serializable in context.GetAttributes())
            {
                if (serializable.AttributeClass?.ToDisplayString() != "System.Text.Json.Serialization.JsonSerializableAttribute"
                    || serializable.ConstructorArguments.Length != 1 || serializable.ConstructorArguments[0].Value is not ITypeSymbol registeredType
                    || !SymbolEqualityComparer.Default.Equals(registeredType.WithNullableAnnotation(NullableAnnotation.NotAnnotated), type))
                {
                    continue;
                }

                registered = true;
                propertyName = TypeMapping.NamedString(serializable, "TypeInfoPropertyName")
                    ?? (type is INamedTypeSymbol { IsGenericType: false } named ? named.Name : null);
            }

            if (!registered)
            {
                return info with { JsonError = 2 };
            }

            if (propertyName is null)
            {
                return info with { JsonError = 3 };
            }

            var names = new List<string>();
            Members(type, "", names, new HashSet<string>(), 0);
            return info with
            {
                JsonTypeInfo = TypeMapping.FullName(context) + ".Default." + propertyName,
                JsonNames = names.ToEquatableArray(),
            };
        }

        /// <summary>The diagnostics of the model's <c>[JsonColumn]</c> properties.</summary>
        public static void Report(ModelPlan plan, List<DiagnosticInfo> diagnostics)
        {
            foreach (var column in plan.Columns)
            {
                switch (column.JsonError)
                {
                    case 1:
                        diagnostics.Add(DiagnosticInfo.Create(ColumnFeatureDiagnostics.JsonContextMissing, column.Location, plan.Info.Name, column.Name, column.JsonContext));
                        break;
                    case 2:
                        diagnostics.Add(DiagnosticInfo.Create(ColumnFeatureDiagnostics.JsonTypeNotRegistered, column.Location, plan.Info.Name, column.Name, column.JsonContext, column.ClrType.Replace("global::", "")));
                        break;
                    case 3:
                        diagnostics.Add(DiagnosticInfo.Create(ColumnFeatureDiagnostics.JsonTypeInfoName, column.Location, plan.Info.Name, column.Name, column.JsonContext, column.ClrType.Replace("global::", "")));
                        break;
                }
            }
        }

        /// <summary>Registers each jsonb column's type with the runtime (start of the metadata's Create()).</summary>
        public static void EmitRegistrations(SourceWriter w, ModelPlan plan)
        {
            foreach (var column in plan.Columns.Where(c => c.JsonTypeInfo is not null))
            {
                var groups = column.JsonNames.Select(n => n.Split('|')).GroupBy(p => p[0]).ToList();
                string Names(IEnumerable<string[]> members) =>
                    "new (string, string?)[] { " + string.Join(", ", members.Select(m => "(" + SourceWriter.Literal(m[1]) + ", " + (m[2].Length == 0 ? "null" : SourceWriter.Literal(m[2])) + ")")) + " }";
                var root = groups.FirstOrDefault(g => g.Key.Length == 0);
                var nested = groups.Where(g => g.Key.Length > 0).Select(g => "(typeof(" + g.Key + "), " + Names(g) + ")");
                w.Line("global::Linq.Contract.JsonValues.Register(" + column.JsonTypeInfo + ", " + (root is null ? "new (string, string?)[0]" : Names(root))
                    + string.Concat(nested.Select(n => ", " + n)) + ");");
            }
        }

        /// <summary>The read of a jsonb column in the materializer, or null for other columns.</summary>
        public static string? ReadColumn(PropertyInfo column, string ordinal) =>
            column.JsonTypeInfo is null ? null : "global::Linq.Contract.JsonValues.Read(reader, " + ordinal + ", " + column.JsonTypeInfo + ")";

        /// <summary>The read of a jsonb column from related-row JSON, or null for other columns.</summary>
        public static string? ReadJson(PropertyInfo column) =>
            column.JsonTypeInfo is null ? null
            : column.IsNullable
                ? "global::Linq.Contract.JsonColumn.NextIsNull(ref reader) ? null : global::Linq.Contract.JsonValues.ReadJson(ref reader, " + column.JsonTypeInfo + ")"
                : "global::Linq.Contract.JsonValues.Next(ref reader, " + column.JsonTypeInfo + ")";

        /// <summary>The value a write input sends: JSON text for a jsonb column, the value itself (converted) otherwise.</summary>
        public static string Value(PropertyInfo column, string value, string convert) =>
            column.JsonTypeInfo is null ? value + convert : "global::Linq.Contract.JsonValues.Serialize(" + value + ", " + column.JsonTypeInfo + ")";

        // "Type|Property|JsonName" for each readable, serialized property; nested class types of the user's own recursively.
        private static void Members(ITypeSymbol type, string key, List<string> names, HashSet<string> seen, int depth)
        {
            if (depth > 4 || !seen.Add(TypeMapping.FullName(type)))
            {
                return;
            }

            for (var current = type; current is not null && current.SpecialType != SpecialType.System_Object; current = current.BaseType)
            {
                foreach (var member in current.GetMembers().OfType<IPropertySymbol>())
                {
                    if (member.IsStatic || member.IsIndexer || member.DeclaredAccessibility != Accessibility.Public || member.GetMethod is null
                        || TypeMapping.FindAttribute(member, "System.Text.Json.Serialization.JsonIgnoreAttribute") is not null)
                    {
                        continue;
                    }

                    var jsonName = TypeMapping.FindAttribute(member, "System.Text.Json.Serialization.JsonPropertyNameAttribute")?.ConstructorArguments.FirstOrDefault().Value as string;
                    names.Add(key + "|" + member.Name + "|" + (jsonName ?? ""));
                    var memberType = member.Type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable ? nullable.TypeArguments[0] : member.Type;
                    if (memberType is INamedTypeSymbol { IsGenericType: false, TypeKind: TypeKind.Class or TypeKind.Struct } nested && nested.SpecialType == SpecialType.None
                        && !nested.ContainingNamespace.ToDisplayString().StartsWith("System", System.StringComparison.Ordinal))
                    {
                        Members(nested.WithNullableAnnotation(NullableAnnotation.NotAnnotated), TypeMapping.FullName(nested.WithNullableAnnotation(NullableAnnotation.NotAnnotated)), names, seen, depth + 1);
                    }
                }
            }
        }

        private static bool DerivesFrom(INamedTypeSymbol type, string baseName)
        {
            for (var current = type.BaseType; current is not null; current = current.BaseType)
            {
                if (current.ToDisplayString() == baseName)
                {
                    return true;
                }
            }

            return false;
        }
    }
}
