using System.Collections.Generic;
using Microsoft.CodeAnalysis;

namespace Linq.Generators
{
    /// <summary><c>[FullTextIndex]</c> on a text property: read, checked, and added to the model's indexes.</summary>
    internal static class FullTextIndexes
    {
        public static PropertyInfo Read(IPropertySymbol property, PropertyInfo info)
        {
            var attribute = TypeMapping.FindAttribute(property, "Linq.FullTextIndexAttribute");
            if (attribute is null)
            {
                return info;
            }

            var config = attribute.ConstructorArguments.Length == 1 ? attribute.ConstructorArguments[0].Value as string : null;
            return info with { FullTextConfig = config ?? "simple", FullTextIndexName = TypeMapping.NamedString(attribute, "Name") };
        }

        public static void Add(ModelPlan plan, List<DiagnosticInfo> diagnostics)
        {
            foreach (var column in plan.Columns)
            {
                if (column.FullTextConfig is not { } config)
                {
                    continue;
                }

                if (column.StoreType != "text" || !IsConfigName(config))
                {
                    diagnostics.Add(DiagnosticInfo.Create(ColumnFeatureDiagnostics.BadFullTextIndex, column.Location, plan.Info.Name, column.Name, column.StoreType, config));
                    continue;
                }

                if (!KeyNames.Valid(column.FullTextIndexName, "FullTextIndex", "property '" + plan.Info.Name + "." + column.Name + "'", column.Location, diagnostics))
                {
                    continue;
                }

                var name = column.FullTextIndexName ?? plan.Info.TableName + "_" + column.ColumnName + "_fts_idx";
                var origin = new NameOrigin("the full-text index of '" + plan.Info.Name + "." + column.Name + "'",
                    "[FullTextIndex(Name = \"…\")] on '" + plan.Info.Name + "." + column.Name + "'", column.Location);
                plan.Indexes.Add(new KeyPlan(name, new List<int> { plan.ColumnOrdinal(column.Name) }, origin) { TextSearchConfig = config });
            }
        }

        // Written into SQL as a literal (it must equal the index's expression), so only a plain identifier is accepted.
        private static bool IsConfigName(string config)
        {
            if (config.Length == 0 || config.Length > 63 || !(char.IsLetter(config[0]) || config[0] == '_'))
            {
                return false;
            }

            foreach (var c in config)
            {
                if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_'))
                {
                    return false;
                }
            }

            return true;
        }
    }
}
