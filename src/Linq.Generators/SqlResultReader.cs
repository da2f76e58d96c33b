using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Linq.Generators
{
    /// <summary>
    /// Reads a <c>[SqlResult]</c> type symbol into <see cref="SqlResultInfo"/>: the constructor it is built with and
    /// the members its reader fills, or the diagnostics that prevent a reader.
    /// </summary>
    internal static class SqlResultReader
    {
        /// <summary>Generic arguments keep their nullable annotations so assignments match the member types exactly.</summary>
        private static readonly SymbolDisplayFormat ArgumentFormat =
            SymbolDisplayFormat.FullyQualifiedFormat.AddMiscellaneousOptions(SymbolDisplayMiscellaneousOptions.IncludeNullableReferenceTypeModifier);

        public static SqlResultInfo Read(INamedTypeSymbol type)
        {
            var info = new SqlResultInfo { FullName = TypeMapping.FullName(type), DisplayName = DisplayName(type) };
            var location = LocationInfo.From(type);
            var problem = TypeProblem(type);
            if (problem is not null)
            {
                return info with { Diagnostics = new[] { DiagnosticInfo.Create(SqlResultDiagnostics.InvalidType, location, info.DisplayName, problem) }.ToEquatableArray() };
            }

            var constructor = ChooseConstructor(type, out var constructorProblem);
            if (constructor is null)
            {
                return info with { Diagnostics = new[] { DiagnosticInfo.Create(SqlResultDiagnostics.NoConstructor, location, info.DisplayName, constructorProblem) }.ToEquatableArray() };
            }

            var properties = Properties(type);
            var parameters = new List<SqlResultMemberInfo>();
            var covered = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            foreach (var parameter in constructor.Parameters)
            {
                covered.Add(parameter.Name);

                // A record's positional parameter has a property of the same name, where [property: Map] puts the column name.
                var property = properties.FirstOrDefault(p => string.Equals(p.Name, parameter.Name, StringComparison.OrdinalIgnoreCase));
                var column = (property is null ? null : MapName(property)) ?? parameter.Name;
                var member = Member(parameter.Name, column, parameter.Type, parameter.NullableAnnotation);
                parameters.Add(member with
                {
                    IsRequired = !parameter.HasExplicitDefaultValue,
                    DefaultCode = parameter.HasExplicitDefaultValue ? DefaultCode(parameter) : null,
                });
            }

            var members = new List<SqlResultMemberInfo>();
            foreach (var symbol in properties)
            {
                if (covered.Contains(symbol.Name))
                {
                    continue;
                }

                switch (symbol)
                {
                    case IPropertySymbol property when property.SetMethod is { } setter && Reachable(setter.DeclaredAccessibility):
                        members.Add(Member(property.Name, MapName(property) ?? property.Name, property.Type, property.NullableAnnotation) with
                        {
                            IsRequired = property.IsRequired || setter.IsInitOnly,
                            IsSettable = !setter.IsInitOnly,
                        });
                        break;
                    case IFieldSymbol field when !field.IsReadOnly && !field.IsConst:
                        members.Add(Member(field.Name, MapName(field) ?? field.Name, field.Type, field.NullableAnnotation) with
                        {
                            IsRequired = field.IsRequired,
                            IsSettable = true,
                        });
                        break;
                }
            }

            return info with { Parameters = parameters.ToEquatableArray(), Properties = members.ToEquatableArray() };
        }

        private static string? TypeProblem(INamedTypeSymbol type)
        {
            if (ModelReader.IsModel(type))
            {
                return "is a [Model]: raw queries read models with the model's own generated reader. Remove [SqlResult]";
            }

            if (type.IsRefLikeType)
            {
                return "is a ref struct, which cannot be a row type";
            }

            if (type.IsAbstract || type.IsStatic)
            {
                return type.IsStatic ? "is static" : "is abstract";
            }

            for (var t = type; t is not null; t = t.ContainingType)
            {
                if (t.TypeParameters.Length > 0)
                {
                    return t.Equals(type, SymbolEqualityComparer.Default) ? "is generic" : "is nested in the generic type '" + t.Name + "'";
                }

                if (!Reachable(t.DeclaredAccessibility))
                {
                    return t.Equals(type, SymbolEqualityComparer.Default) ? "is private or protected" : "is nested in the private or protected type '" + t.Name + "'";
                }
            }

            return null;
        }

        // The record's primary constructor; else the parameterless one; else the only one.
        private static IMethodSymbol? ChooseConstructor(INamedTypeSymbol type, out string problem)
        {
            var candidates = type.InstanceConstructors
                .Where(c => Reachable(c.DeclaredAccessibility) && !IsCopyConstructor(type, c) && c.Parameters.All(p => p.RefKind is RefKind.None or RefKind.In))
                .ToList();
            problem = "";
            var primary = candidates.FirstOrDefault(c => c.DeclaringSyntaxReferences.Any(r => r.GetSyntax() is TypeDeclarationSyntax));
            if (primary is not null)
            {
                return primary;
            }

            var parameterless = candidates.FirstOrDefault(c => c.Parameters.Length == 0);
            if (parameterless is not null)
            {
                return parameterless;
            }

            if (candidates.Count == 1)
            {
                return candidates[0];
            }

            problem = candidates.Count == 0
                ? "no public or internal constructor"
                : candidates.Count + " public or internal constructors with parameters and no parameterless one, so which one to call is ambiguous";
            return null;
        }

        private static bool IsCopyConstructor(INamedTypeSymbol type, IMethodSymbol constructor) =>
            constructor.Parameters.Length == 1 && SymbolEqualityComparer.Default.Equals(constructor.Parameters[0].Type, type);

        // Instance properties and fields of the type and its bases, most derived first, one per name.
        private static List<ISymbol> Properties(INamedTypeSymbol type)
        {
            var result = new List<ISymbol>();
            var names = new HashSet<string>(StringComparer.Ordinal);
            for (var t = type; t is not null && t.SpecialType is not (SpecialType.System_Object or SpecialType.System_ValueType); t = t.BaseType)
            {
                foreach (var member in t.GetMembers())
                {
                    if (member.IsStatic || member.IsImplicitlyDeclared || !Reachable(member.DeclaredAccessibility) || !names.Add(member.Name))
                    {
                        continue;
                    }

                    if (member is IPropertySymbol { IsIndexer: false } or IFieldSymbol)
                    {
                        result.Add(member);
                    }
                }
            }

            return result;
        }

        private static SqlResultMemberInfo Member(string name, string column, ITypeSymbol type, NullableAnnotation annotation)
        {
            var allowsNull = false;
            var valueType = type.IsValueType;
            if (type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable)
            {
                allowsNull = true;
                type = nullable.TypeArguments[0];
            }
            else if (type.IsReferenceType)
            {
                // Oblivious (nullable annotations off) accepts NULL as the language would.
                allowsNull = annotation != NullableAnnotation.NotAnnotated;
                type = type.WithNullableAnnotation(NullableAnnotation.NotAnnotated);
            }

            return new SqlResultMemberInfo
            {
                Name = name,
                Column = column,
                TypeOf = TypeMapping.FullName(type),
                TypeArgument = type.ToDisplayString(ArgumentFormat),
                Display = type.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat) + (allowsNull ? "?" : ""),
                IsValueType = valueType,
                AllowsNull = allowsNull,
            };
        }

        private static string? MapName(ISymbol member) =>
            TypeMapping.FindAttribute(member, "Linq.MapAttribute")?.ConstructorArguments.FirstOrDefault().Value as string;

        // The parameter's default value as C# code of the parameter's type.
        private static string DefaultCode(IParameterSymbol parameter)
        {
            var value = parameter.ExplicitDefaultValue;
            var type = parameter.Type;
            if (value is null)
            {
                return "default!";
            }

            if (type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable)
            {
                type = nullable.TypeArguments[0];
            }

            var literal = value switch
            {
                string s => SymbolDisplay.FormatLiteral(s, true),
                char ch => SymbolDisplay.FormatLiteral(ch, true),
                bool b => b ? "true" : "false",
                decimal d => d.ToString(CultureInfo.InvariantCulture) + "m",
                double d => Floating(d, "double") ?? d.ToString("R", CultureInfo.InvariantCulture) + "d",
                float f => Floating(f, "float") ?? f.ToString("R", CultureInfo.InvariantCulture) + "f",
                _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "0",
            };
            return "(" + TypeMapping.FullName(type) + ")(" + literal + ")";
        }

        private static string? Floating(double value, string type) =>
            double.IsNaN(value) ? type + ".NaN"
            : double.IsPositiveInfinity(value) ? type + ".PositiveInfinity"
            : double.IsNegativeInfinity(value) ? type + ".NegativeInfinity"
            : null;

        private static bool Reachable(Accessibility accessibility) =>
            accessibility is Accessibility.Public or Accessibility.Internal or Accessibility.ProtectedOrInternal;

        private static string DisplayName(INamedTypeSymbol type) =>
            type.ContainingType is null ? type.Name : DisplayName(type.ContainingType) + "." + type.Name;
    }
}
