using System.Linq;
using Microsoft.CodeAnalysis;

namespace Linq.Generators
{
    /// <summary>The PostgreSQL type of a supported CLR type.</summary>
    internal sealed class TypeMapping
    {
        public TypeMapping(string storeType, bool isInteger = false, EnumInfo? @enum = null)
        {
            StoreType = storeType;
            IsInteger = isInteger;
            Enum = @enum;
        }

        public string StoreType { get; }

        public bool IsInteger { get; }

        public EnumInfo? Enum { get; }

        /// <summary>Maps a non-nullable type, or returns null when it has no mapping.</summary>
        public static TypeMapping? For(ITypeSymbol type)
        {
            switch (type.SpecialType)
            {
                case SpecialType.System_Int32: return new TypeMapping("integer", isInteger: true);
                case SpecialType.System_Int64: return new TypeMapping("bigint", isInteger: true);
                case SpecialType.System_Int16: return new TypeMapping("smallint", isInteger: true);
                case SpecialType.System_Boolean: return new TypeMapping("boolean");
                case SpecialType.System_String: return new TypeMapping("text");
                case SpecialType.System_Decimal: return new TypeMapping("numeric");
                case SpecialType.System_Double: return new TypeMapping("double precision");
                case SpecialType.System_Single: return new TypeMapping("real");
                case SpecialType.System_DateTime: return new TypeMapping("timestamptz");
            }

            if (type is IArrayTypeSymbol array)
            {
                if (array.Rank != 1)
                {
                    return null;
                }

                if (array.ElementType.SpecialType == SpecialType.System_Byte)
                {
                    return new TypeMapping("bytea");
                }

                var element = array.ElementType;
                if (element is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable)
                {
                    element = nullable.TypeArguments[0];
                }

                var elementMapping = For(element);
                if (elementMapping is null || element is IArrayTypeSymbol || elementMapping.StoreType == "jsonb")
                {
                    return null;
                }

                return new TypeMapping(elementMapping.StoreType + "[]", @enum: elementMapping.Enum);
            }

            if (type.TypeKind == TypeKind.Enum && type is INamedTypeSymbol enumType)
            {
                var dbEnum = FindAttribute(enumType, "Linq.DbEnumAttribute");
                if (dbEnum is null)
                {
                    return null;
                }

                var storeName = NamedString(dbEnum, "Name") ?? enumType.Name;
                var members = EnumLabels.Members(enumType);
                var info = new EnumInfo(FullName(enumType), storeName, members.Select(m => EnumLabels.Label(m)).ToList().ToEquatableArray(),
                    members.Select(m => m.Name).ToList().ToEquatableArray(), members.Select(m => FullName(enumType) + "." + EnumLabels.Escape(m.Name)).ToList().ToEquatableArray());
                return new TypeMapping(QuoteIdentifier(storeName), @enum: info);
            }

            switch (type.ToDisplayString())
            {
                case "System.Guid": return new TypeMapping("uuid");
                case "System.DateTimeOffset": return new TypeMapping("timestamptz");
                case "System.DateOnly": return new TypeMapping("date");
                case "System.TimeOnly": return new TypeMapping("time");
                case "System.Text.Json.JsonDocument": return new TypeMapping("jsonb");
                case "System.Text.Json.JsonElement": return new TypeMapping("jsonb");
            }

            return null;
        }

        public static string FullName(ITypeSymbol type) => type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat);

        public static string QuoteIdentifier(string name) => "\"" + name.Replace("\"", "\"\"") + "\"";

        public static AttributeData? FindAttribute(ISymbol symbol, string fullName)
        {
            foreach (var attribute in symbol.GetAttributes())
            {
                if (attribute.AttributeClass?.ToDisplayString() == fullName)
                {
                    return attribute;
                }
            }

            return null;
        }

        public static string? NamedString(AttributeData attribute, string name)
        {
            foreach (var pair in attribute.NamedArguments)
            {
                if (pair.Key == name && pair.Value.Value is string value)
                {
                    return value;
                }
            }

            return null;
        }
    }
}
