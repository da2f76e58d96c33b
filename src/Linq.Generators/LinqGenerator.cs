using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Linq.Generators
{
    /// <summary>
    /// Completes every <c>[Model]</c> class (metadata, materializer, create input) and every <c>[Database]</c>
    /// class (tables, registry, constructors). Symbols are turned into plain records early, so edits that do
    /// not touch a model leave the output cached.
    /// </summary>
    [Generator(LanguageNames.CSharp)]
    public sealed class LinqGenerator : IIncrementalGenerator
    {
        /// <inheritdoc />
        public void Initialize(IncrementalGeneratorInitializationContext context)
        {
            var models = context.SyntaxProvider.ForAttributeWithMetadataName(
                    "Linq.ModelAttribute",
                    static (node, _) => node is ClassDeclarationSyntax,
                    static (ctx, _) => ModelReader.Read((INamedTypeSymbol)ctx.TargetSymbol, ctx.Attributes[0]))
                .Collect();

            var databases = context.SyntaxProvider.ForAttributeWithMetadataName(
                    "Linq.DatabaseAttribute",
                    static (node, _) => node is ClassDeclarationSyntax,
                    static (ctx, _) => ReadDatabase((INamedTypeSymbol)ctx.TargetSymbol, ctx.Attributes[0]))
                .Collect();

            // [View] classes are models too (read-only ones), collected on their own so a [Model] edit keeps them cached.
            var views = context.SyntaxProvider.ForAttributeWithMetadataName(
                    "Linq.ViewAttribute",
                    static (node, _) => node is ClassDeclarationSyntax,
                    static (ctx, _) => ModelReader.ReadView((INamedTypeSymbol)ctx.TargetSymbol, ctx.Attributes[0]))
                .Collect();

            context.RegisterSourceOutput(models.Combine(views).Combine(databases),
                static (spc, pair) => Execute(spc, pair.Left.Left.AddRange(pair.Left.Right), pair.Right));

            // The design-time entry point the linq tool reads: depends on the database names only, so model edits keep it cached.
            var designTime = databases.Select(static (dbs, _) => DesignTimeEmitter.Select(dbs)).WithTrackingName("LinqDesignTimeNames");
            context.RegisterSourceOutput(designTime, static (spc, names) =>
            {
                if (names.Count > 0)
                {
                    spc.AddSource(DesignTimeEmitter.HintName, DesignTimeEmitter.Emit(names));
                }
            });

            // Raw SQL: one reader per [SqlResult] type, each on its own so an edit re-emits only that type.
            var sqlResults = context.SyntaxProvider.ForAttributeWithMetadataName(
                "Linq.SqlResultAttribute",
                static (node, _) => node is TypeDeclarationSyntax,
                static (ctx, _) => SqlResultReader.Read((INamedTypeSymbol)ctx.TargetSymbol));
            context.RegisterSourceOutput(sqlResults, static (spc, info) => EmitSqlResult(spc, info));

            // [DbEnum] labels are checked per enum, whether or not a model uses it yet, so each problem is reported once.
            var enumLabels = context.SyntaxProvider.ForAttributeWithMetadataName(
                "Linq.DbEnumAttribute",
                static (node, _) => node is EnumDeclarationSyntax,
                static (ctx, _) => EnumLabels.Check((INamedTypeSymbol)ctx.TargetSymbol));
            context.RegisterSourceOutput(enumLabels, static (spc, diagnostics) => Report(spc, diagnostics));

            // [Map] on fields: labels of [DbEnum] members; anywhere else it would do nothing.
            var fieldMaps = context.SyntaxProvider.ForAttributeWithMetadataName(
                "Linq.MapAttribute",
                static (node, _) => node is EnumMemberDeclarationSyntax or VariableDeclaratorSyntax,
                static (ctx, _) => EnumLabels.CheckMapTarget(ctx.TargetSymbol));
            context.RegisterSourceOutput(fieldMaps, static (spc, diagnostics) => Report(spc, diagnostics));
        }

        private static void Report(SourceProductionContext context, EquatableArray<DiagnosticInfo> diagnostics)
        {
            foreach (var diagnostic in diagnostics)
            {
                context.ReportDiagnostic(diagnostic.ToDiagnostic());
            }
        }

        private static void EmitSqlResult(SourceProductionContext context, SqlResultInfo info)
        {
            foreach (var diagnostic in info.Diagnostics)
            {
                context.ReportDiagnostic(diagnostic.ToDiagnostic());
            }

            if (info.Diagnostics.Count == 0)
            {
                context.AddSource(HintName(info.FullName) + ".SqlResult.g.cs", SqlResultEmitter.EmitSqlResult(info));
            }
        }

        private static DatabaseInfo ReadDatabase(INamedTypeSymbol type, AttributeData attribute)
        {
            var derives = false;
            for (var b = type.BaseType; b is not null; b = b.BaseType)
            {
                if (b.ToDisplayString() == "Linq.LinqDatabase")
                {
                    derives = true;
                }
            }

            var included = new List<ModelInfo>();
            var diagnostics = new List<DiagnosticInfo>();
            foreach (var pair in attribute.NamedArguments)
            {
                if (pair.Key != "Include" || pair.Value.Kind != TypedConstantKind.Array)
                {
                    continue;
                }

                foreach (var value in pair.Value.Values)
                {
                    if (value.Value is INamedTypeSymbol other && !ReadIncluded(type, other, included))
                    {
                        var location = LocationInfo.From(attribute.ApplicationSyntaxReference?.GetSyntax().GetLocation()) ?? LocationInfo.From(type);
                        diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.IncludeNotDatabase, location, type.Name, other.ToDisplayString()));
                    }
                }
            }

            return new DatabaseInfo(TypeMapping.FullName(type), type.ContainingNamespace.IsGlobalNamespace ? null : type.ContainingNamespace.ToDisplayString(),
                type.Name, type.DeclaredAccessibility == Accessibility.Public, ModelReader.IsPartial(type), derives, LocationInfo.From(type),
                included.ToEquatableArray(), diagnostics.ToEquatableArray());
        }

        // The generator only sees the [Model] classes of the compilation it runs in. An included [Database] class of a
        // referenced assembly was completed there: its models are the T of its generated Table<T> (and View<T>) properties, read back
        // from metadata (their materializers and metadata live in that assembly). One of this compilation adds nothing,
        // its models are here already.
        private static bool ReadIncluded(INamedTypeSymbol database, INamedTypeSymbol other, List<ModelInfo> included)
        {
            if (TypeMapping.FindAttribute(other, "Linq.DatabaseAttribute") is null)
            {
                return false;
            }

            if (SymbolEqualityComparer.Default.Equals(other.ContainingAssembly, database.ContainingAssembly))
            {
                return true;
            }

            var generated = other.AllInterfaces.Any(i => i.OriginalDefinition.ToDisplayString() == "Linq.ILinqDatabaseFactory<TSelf>"
                && SymbolEqualityComparer.Default.Equals(i.TypeArguments[0], other));
            if (!generated)
            {
                return false;
            }

            foreach (var member in other.GetMembers())
            {
                if (member is IPropertySymbol { IsStatic: false, DeclaredAccessibility: Accessibility.Public, Type: INamedTypeSymbol table }
                    && table.OriginalDefinition.ToDisplayString() == "Linq.Table<T>"
                    && table.TypeArguments[0] is INamedTypeSymbol model
                    && TypeMapping.FindAttribute(model, "Linq.ModelAttribute") is { } modelAttribute)
                {
                    included.Add(ModelReader.Read(model, modelAttribute));
                }
                else if (member is IPropertySymbol { IsStatic: false, DeclaredAccessibility: Accessibility.Public, Type: INamedTypeSymbol view }
                    && view.OriginalDefinition.ToDisplayString() == "Linq.View<T>"
                    && view.TypeArguments[0] is INamedTypeSymbol viewModel
                    && TypeMapping.FindAttribute(viewModel, "Linq.ViewAttribute") is { } viewAttribute)
                {
                    included.Add(ModelReader.ReadView(viewModel, viewAttribute));
                }
            }

            return true;
        }

        private static void Execute(SourceProductionContext context, ImmutableArray<ModelInfo> models, ImmutableArray<DatabaseInfo> databases)
        {
            var diagnostics = new List<DiagnosticInfo>();
            var ordered = models.Distinct().OrderBy(m => m.FullName, System.StringComparer.Ordinal).ToList();
            foreach (var both in ordered.GroupBy(m => m.FullName).Where(g => g.Count() > 1).ToList())
            {
                diagnostics.Add(DiagnosticInfo.Create(RelationDiagnostics.ModelAndView, both.First().Location, both.First().Name));
                ordered.RemoveAll(m => m.FullName == both.Key && m.IsView);
            }

            var plans = ModelResolver.Resolve(ordered, diagnostics);
            foreach (var plan in plans.Where(p => p.CanEmit))
            {
                context.AddSource(HintName(plan.Info.FullName) + ".Model.g.cs", ModelEmitter.Emit(plan));
                context.AddSource(HintName(plan.Info.FullName) + ".RawSql.g.cs", SqlResultEmitter.EmitModel(plan));
            }

            foreach (var db in databases.Distinct())
            {
                if (!db.DerivesFromLinqDatabase)
                {
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.DatabaseNotLinqDatabase, db.Location, db.Name));
                    continue;
                }

                if (!db.IsPartial)
                {
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.NotPartial, db.Location, db.Name, "tables and constructors"));
                    continue;
                }

                diagnostics.AddRange(db.Diagnostics);
                var tables = plans.Where(p => p.CanEmit).ToList();
                var names = new HashSet<string>(tables.Select(p => p.Info.FullName));
                var included = db.Included.Where(m => !names.Contains(m.FullName)).ToList();
                if (included.Count > 0)
                {
                    // The included models were checked in their own project; here only against this compilation's.
                    NameCollisions.ReportAcross(tables, ModelResolver.Resolve(included, new List<DiagnosticInfo>()), diagnostics);
                }

                tables.AddRange(db.Included.Where(m => names.Add(m.FullName)).Select(m => new ModelPlan(m)));
                tables.Sort((a, b) => string.CompareOrdinal(a.Info.FullName, b.Info.FullName));
                context.AddSource(HintName(db.FullName) + ".Database.g.cs", DatabaseEmitter.Emit(db, tables));
            }

            // Distinct: two [Database] classes including the same library would report a collision with it twice.
            foreach (var diagnostic in diagnostics.Distinct())
            {
                context.ReportDiagnostic(diagnostic.ToDiagnostic());
            }
        }

        private static string HintName(string fullName) => fullName.Replace("global::", "").Replace('<', '_').Replace('>', '_');
    }
}
