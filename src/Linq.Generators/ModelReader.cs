using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Linq.Generators
{
    /// <summary>Reads a <c>[Model]</c> class symbol into <see cref="ModelInfo"/>. Validation across models happens later.</summary>
    internal static class ModelReader
    {
        private const string ModelAttribute = "Linq.ModelAttribute";

        /// <summary>Reads a <c>[View("name")]</c> class: a model over the named view.</summary>
        public static ModelInfo ReadView(INamedTypeSymbol type, AttributeData viewAttribute) =>
            Read(type, viewAttribute) with
            {
                IsView = true,
                TableName = viewAttribute.ConstructorArguments.FirstOrDefault().Value as string ?? type.Name,
            };

        public static ModelInfo Read(INamedTypeSymbol type, AttributeData modelAttribute)
        {
            var properties = new List<PropertyInfo>();
            var enums = new List<EnumInfo>();
            foreach (var member in type.GetMembers())
            {
                if (member is IPropertySymbol { IsStatic: false, IsIndexer: false, SetMethod: not null, DeclaredAccessibility: Accessibility.Public } property)
                {
                    properties.Add(ReadProperty(property, enums));
                }
            }

            return new ModelInfo
            {
                FullName = TypeMapping.FullName(type),
                Namespace = type.ContainingNamespace.IsGlobalNamespace ? null : type.ContainingNamespace.ToDisplayString(),
                Name = type.Name,
                IsPublic = type.DeclaredAccessibility == Accessibility.Public,
                TableName = TypeMapping.NamedString(modelAttribute, "Table") ?? type.Name,
                IsPartial = IsPartial(type),
                IsTopLevelNonGeneric = type.ContainingType is null && !type.IsGenericType,
                Location = LocationInfo.From(type),
                Properties = properties.ToEquatableArray(),
                Uniques = ClassKeys(type, "Linq.UniqueAttribute"),
                Indexes = ClassKeys(type, "Linq.IndexAttribute"),
                Enums = enums.Distinct().ToEquatableArray(),
            };
        }

        public static bool IsPartial(INamedTypeSymbol type) =>
            type.DeclaringSyntaxReferences.Any(r => r.GetSyntax() is ClassDeclarationSyntax c && c.Modifiers.Any(m => m.IsKind(SyntaxKind.PartialKeyword)));

        public static bool IsModel(ITypeSymbol type) =>
            TypeMapping.FindAttribute(type, ModelAttribute) is not null || TypeMapping.FindAttribute(type, "Linq.ViewAttribute") is not null;

        private static EquatableArray<KeySpec> ClassKeys(INamedTypeSymbol type, string attributeName)
        {
            var keys = new List<KeySpec>();
            foreach (var attribute in type.GetAttributes())
            {
                if (attribute.AttributeClass?.ToDisplayString() != attributeName)
                {
                    continue;
                }

                // No fields ([Unique(Name = "x")] on the class) is kept as an empty key, which the resolver reports (LINQ068).
                var fields = attribute.ConstructorArguments.Length == 0
                    ? default(EquatableArray<string>)
                    : attribute.ConstructorArguments[0].Values.Select(v => v.Value as string ?? "").ToEquatableArray();
                // IndexAttribute.Nulls: IndexNulls.Last (1) keeps PostgreSQL's default NULL order.
                keys.Add(new KeySpec(fields, TypeMapping.NamedString(attribute, "Name"),
                    LocationInfo.From(attribute.ApplicationSyntaxReference?.GetSyntax().GetLocation()),
                    attribute.NamedArguments.Any(a => a.Key == "Nulls" && a.Value.Value is 1)));
            }

            return keys.ToEquatableArray();
        }

        /// <summary>Every [Unique] on a property, in source order: each is a one-column unique key of its own.</summary>
        private static EquatableArray<KeySpec> PropertyUniques(IPropertySymbol property) =>
            property.GetAttributes()
                .Where(a => a.AttributeClass?.ToDisplayString() == "Linq.UniqueAttribute")
                .Select(a => new KeySpec(default(EquatableArray<string>), TypeMapping.NamedString(a, "Name"),
                    LocationInfo.From(a.ApplicationSyntaxReference?.GetSyntax().GetLocation())))
                .ToEquatableArray();

        private static PropertyInfo ReadProperty(IPropertySymbol property, List<EnumInfo> enums)
        {
            var type = property.Type;
            var isNullable = false;
            if (type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullableValue)
            {
                type = nullableValue.TypeArguments[0];
                isNullable = true;
            }
            else if (type.IsReferenceType && property.NullableAnnotation == NullableAnnotation.Annotated)
            {
                isNullable = true;
                type = type.WithNullableAnnotation(NullableAnnotation.NotAnnotated);
            }

            var relation = TypeMapping.FindAttribute(property, "Linq.RelationAttribute");
            var info = new PropertyInfo
            {
                Name = property.Name,
                Location = LocationInfo.From(property),
                TypeDisplay = property.Type.ToDisplayString(),
                IsNullable = isNullable,
                IsRequiredMember = property.IsRequired,
                IsInitOnly = property.SetMethod?.IsInitOnly == true,
                ClrType = TypeMapping.FullName(type),
                IsValueType = type.IsValueType,
                HasRelation = relation is not null,
            };

            if (JsonColumns.Read(property, info, type) is { } json)
            {
                return json;
            }

            var mapping = TypeMapping.For(type) ?? ColumnFacets.RowVersionMapping(property, type);
            if (mapping is not null && relation is null)
            {
                if (mapping.Enum is not null)
                {
                    enums.Add(mapping.Enum);
                }

                return ReadScalar(property, info, type, mapping);
            }

            var (target, many) = NavigationTarget(type);
            if (target is null)
            {
                return info with { Kind = PropertyKind.Unmappable };
            }

            info = info with { TargetType = TypeMapping.FullName(target), TargetName = target.Name };
            if (!IsModel(target))
            {
                return info with { Kind = relation is not null || many ? PropertyKind.NotAModel : PropertyKind.Unmappable };
            }

            info = info with { Kind = many ? PropertyKind.ToMany : PropertyKind.ToOne };
            if (relation is null)
            {
                return ManyToManyReader.Read(property, info);
            }

            var args = relation.ConstructorArguments;
            var fields = args.Length > 0 ? Strings(args[0]) : new List<string>();
            var references = args.Length > 1 ? Strings(args[1]) : new List<string>();
            var onDelete = -1;
            var onUpdate = -1;
            foreach (var pair in relation.NamedArguments)
            {
                if (pair.Key == "OnDelete" && pair.Value.Value is int action)
                {
                    onDelete = action;
                }
                else if (pair.Key == "OnUpdate" && pair.Value.Value is int update)
                {
                    onUpdate = update;
                }
            }

            return info with
            {
                RelationFields = fields.ToEquatableArray(),
                RelationReferences = references.ToEquatableArray(),
                OnDelete = onDelete,
                OnUpdate = onUpdate,
                RelationName = TypeMapping.NamedString(relation, "Name"),
            };
        }

        private static PropertyInfo ReadScalar(IPropertySymbol property, PropertyInfo info, ITypeSymbol type, TypeMapping mapping)
        {
            var map = TypeMapping.FindAttribute(property, "Linq.MapAttribute");
            var column = map?.ConstructorArguments.FirstOrDefault().Value as string ?? property.Name;
            info = info with
            {
                Kind = PropertyKind.Scalar,
                StoreType = mapping.StoreType,
                IsInteger = mapping.IsInteger,
                IsDateTimeOffset = type.ToDisplayString() == "System.DateTimeOffset",
                ColumnName = column,
                IsId = TypeMapping.FindAttribute(property, "Linq.IdAttribute") is not null,
                IsAutoIncrement = TypeMapping.FindAttribute(property, "Linq.AutoIncrementAttribute") is not null,
                Uniques = PropertyUniques(property),
                DefaultNow = TypeMapping.FindAttribute(property, "Linq.DefaultNowAttribute") is not null,
            };

            info = FullTextIndexes.Read(property, info);
            var @default = TypeMapping.FindAttribute(property, "Linq.DefaultAttribute");
            if (@default is not null && @default.ConstructorArguments.Length == 1)
            {
                var constant = @default.ConstructorArguments[0];
                var code = DefaultCode(constant, type, mapping);
                info = info with
                {
                    DefaultCode = code,
                    DefaultMismatch = code is null,
                    DefaultValueType = constant.Type?.ToDisplayString() ?? "null",
                };
            }

            return ColumnFacets.Apply(property, info, type);
        }

        // The C# expression that builds the ColumnDefault, or null when the constant does not fit the property.
        private static string? DefaultCode(TypedConstant constant, ITypeSymbol propertyType, TypeMapping mapping)
        {
            const string Prefix = "global::Linq.Sql.Schema.ColumnDefault.";
            var value = constant.Value;
            if (value is null)
            {
                return null;
            }

            if (constant.Type?.TypeKind == TypeKind.Enum)
            {
                if (!SymbolEqualityComparer.Default.Equals(constant.Type, propertyType) || mapping.Enum is null)
                {
                    return null;
                }

                // The first member of the value (an alias names the same value), stored as its label.
                var member = constant.Type.GetMembers().OfType<IFieldSymbol>()
                    .FirstOrDefault(f => f.HasConstantValue && Equals(f.ConstantValue, value));
                var label = member is null ? null : EnumLabels.Label(member);
                return label is null
                    ? null
                    : Prefix + "TypedText(" + SymbolDisplay.FormatLiteral(label, true) + ", " + SymbolDisplay.FormatLiteral(mapping.StoreType, true) + ")";
            }

            switch (value)
            {
                case bool b when propertyType.SpecialType == SpecialType.System_Boolean:
                    return Prefix + "Boolean(" + (b ? "true" : "false") + ")";
                case string s when propertyType.SpecialType == SpecialType.System_String:
                    return Prefix + "Text(" + SymbolDisplay.FormatLiteral(s, true) + ")";
                case int or long or short or byte or double or float or decimal when FitsNumber(value, propertyType):
                    var text = System.Convert.ToString(value, CultureInfo.InvariantCulture)!;
                    return Prefix + "Number(" + SymbolDisplay.FormatLiteral(text, true) + ")";
                default:
                    return null;
            }
        }

        // An integer column takes only integers in its range (1.5 or 70000 must not be rounded or overflow in the DDL);
        // a decimal or floating-point column any finite number.
        private static bool FitsNumber(object value, ITypeSymbol type)
        {
            if (value is double or float && !IsFinite(System.Convert.ToDouble(value, CultureInfo.InvariantCulture)))
            {
                return false;
            }

            switch (type.SpecialType)
            {
                case SpecialType.System_Int16: return IsInteger(value, short.MinValue, short.MaxValue);
                case SpecialType.System_Int32: return IsInteger(value, int.MinValue, int.MaxValue);
                case SpecialType.System_Int64: return IsInteger(value, long.MinValue, long.MaxValue);
                case SpecialType.System_Decimal:
                case SpecialType.System_Double:
                case SpecialType.System_Single:
                    return true;
                default:
                    return false;
            }
        }

        private static bool IsInteger(object value, long min, long max)
        {
            if (value is not (int or long or short or byte))
            {
                return false;
            }

            var number = System.Convert.ToInt64(value, CultureInfo.InvariantCulture);
            return number >= min && number <= max;
        }

        private static bool IsFinite(double value) => !double.IsNaN(value) && !double.IsInfinity(value);

        private static List<string> Strings(TypedConstant constant) =>
            constant.Kind == TypedConstantKind.Array
                ? constant.Values.Select(v => v.Value as string ?? "").ToList()
                : new List<string> { constant.Value as string ?? "" };

        // A class type is a to-one navigation target; List<T>, ICollection<T>, IEnumerable<T>… of a class a to-many one.
        private static (INamedTypeSymbol? Target, bool Many) NavigationTarget(ITypeSymbol type)
        {
            if (type is not INamedTypeSymbol named || type.SpecialType == SpecialType.System_String)
            {
                return (null, false);
            }

            if (named.IsGenericType && named.TypeArguments.Length == 1)
            {
                var definition = named.OriginalDefinition.ToDisplayString();
                if (definition is "System.Collections.Generic.List<T>" or "System.Collections.Generic.IList<T>"
                    or "System.Collections.Generic.ICollection<T>" or "System.Collections.Generic.IEnumerable<T>"
                    or "System.Collections.Generic.IReadOnlyList<T>" or "System.Collections.Generic.IReadOnlyCollection<T>")
                {
                    return named.TypeArguments[0] is INamedTypeSymbol { TypeKind: TypeKind.Class } element ? (element, true) : (null, false);
                }
            }

            return named.TypeKind == TypeKind.Class ? (named, false) : (null, false);
        }
    }
}
