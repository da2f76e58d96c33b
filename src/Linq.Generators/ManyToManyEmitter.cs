using System.Collections.Generic;
using System.Linq;

namespace Linq.Generators
{
    /// <summary>The generated code of many-to-many relations: their metadata and the properties of the write inputs.</summary>
    internal static class ManyToManyEmitter
    {
        private const string Contract = "global::Linq.Contract.";

        public static string Metadata(RelationPlan relation, string setter) =>
            "new(" + SourceWriter.Literal(relation.PropertyName) + ", static () => " + Contract + "Models.Get<" + relation.TargetType + ">(), new " + Contract
            + "JoinTableMetadata(" + SourceWriter.Literal(relation.JoinTable) + ", " + SourceWriter.Literal(relation.SourceColumn) + ", "
            + SourceWriter.Literal(relation.TargetColumn) + "), " + setter + ")";

        /// <summary>The many-to-many relations of a model with their index in its relation list.</summary>
        public static List<(RelationPlan Relation, int Index)> Links(ModelPlan plan) =>
            plan.Relations.Select((r, i) => (r, i)).Where(p => p.r.JoinTable.Length > 0).ToList();

        public static void EmitProperties(SourceWriter w, List<(RelationPlan Relation, int Index)> links, bool update)
        {
            foreach (var (relation, _) in links)
            {
                var type = "global::Linq." + (update ? "ManyToManyUpdate" : "ManyToManyCreate") + "<" + relation.TargetType + ", " + relation.TargetType + "CreateInput>";
                var what = update ? "Set, Connect, Disconnect, Create or ConnectOrCreate" : "Connect, Create or ConnectOrCreate";
                w.Line("/// <summary>Links of " + relation.PropertyName + " to " + what + " (rows of the join table " + relation.JoinTable + "), with this write.</summary>");
                w.Line("public " + type + "? " + relation.PropertyName + " { get; set; }");
                w.Line();
            }
        }
    }
}
