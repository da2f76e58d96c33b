using System.Collections.Generic;
using System.Linq;

namespace Linq.Generators
{
    /// <summary>
    /// Writes a model's cache codec (<c>WriteCached</c>/<c>ReadCached</c>): one typed call per column and navigation, in
    /// declaration order, so the result cache's distributed tier carries models and their loaded graphs without
    /// reflection. A model with a column this codec cannot carry gets none (its results stay in memory only).
    /// </summary>
    internal static class ModelCacheEmitter
    {
        private const string Writer = "global::Linq.Contract.ModelCacheWriter";
        private const string Reader = "global::Linq.Contract.ModelCacheReader";

        public static void Emit(SourceWriter w, ModelPlan plan)
        {
            var model = plan.Info.FullName;
            var columns = new List<(string Write, string Read)>();
            foreach (var col in plan.Columns)
            {
                if (Column(col) is not { } codec)
                {
                    return;
                }

                columns.Add(codec);
            }

            var navigations = new List<(string Name, string Write, string Read)>();
            foreach (var relation in plan.Relations)
            {
                if (plan.Navigations.FirstOrDefault(n => n.Name == relation.PropertyName) is null)
                {
                    return;
                }

                var call = (relation.Many ? "Many<" : "One<") + relation.TargetType + ">";
                navigations.Add((relation.PropertyName, "w." + call + "(e." + relation.PropertyName + ");", "r." + call + "()!"));
            }

            var shape = Shape(plan);
            w.Line();
            w.Open("public override void WriteCached(" + Writer + " w, " + model + " e)");
            w.Line("w.Shape(" + shape + ");");
            foreach (var (write, _) in columns)
            {
                w.Line(write);
            }

            foreach (var navigation in navigations)
            {
                w.Line(navigation.Write);
            }

            w.Close();
            w.Line();
            w.Open("public override " + model + " ReadCached(" + Reader + " r)");
            w.Line("r.Shape(" + shape + ");");
            // Member initializers run in source order: the same order the writer wrote.
            w.Line("return new " + model);
            w.Line("{");
            for (var i = 0; i < plan.Columns.Count; i++)
            {
                w.Line("    " + plan.Columns[i].Name + " = " + columns[i].Read + ",");
            }

            foreach (var navigation in navigations)
            {
                w.Line("    " + navigation.Name + " = " + navigation.Read + ",");
            }

            foreach (var nav in plan.Navigations.Where(n => n.IsRequiredMember && navigations.All(m => m.Name != n.Name)))
            {
                w.Line("    " + nav.Name + " = " + (nav.Kind == PropertyKind.ToMany ? "new()" : "null!") + ",");
            }

            w.Line("};");
            w.Close();
        }

        // The write and read of one column, or null when the codec has no form for it.
        private static (string Write, string Read)? Column(PropertyInfo col)
        {
            var write = "w.Value(e." + col.Name + ");";
            var bang = col.IsNullable ? "" : "!";
            if (col.JsonError != 0)
            {
                return null;
            }

            if (col.JsonTypeInfo is not null)
            {
                return col.IsValueType && col.IsNullable ? null : ("w.Json(e." + col.Name + ", " + col.JsonTypeInfo + ");", "r.Json(" + col.JsonTypeInfo + ")" + bang);
            }

            if (col.StoreType == "jsonb")
            {
                if (col.ClrType.EndsWith("JsonElement"))
                {
                    return (write, col.IsNullable ? "r.NullableJsonElement()" : "r.JsonElement()");
                }

                return col.ClrType.EndsWith("JsonDocument") ? (write, "r.Value<" + col.ClrType + (col.IsNullable ? "?" : "") + ">()") : null;
            }

            if (col.StoreType.StartsWith("\""))
            {
                // Enums by their underlying value; arrays of enums are not carried.
                return col.StoreType.EndsWith("[]") ? null
                    : ("w.Enum(e." + col.Name + ");", (col.IsNullable ? "r.NullableEnum<" : "r.Enum<") + col.ClrType + ">()");
            }

            if (col.StoreType.EndsWith("[]"))
            {
                return (write, "r.Array<" + col.ClrType.Substring(0, col.ClrType.Length - 2) + ">()" + bang);
            }

            return (write, "r.Value<" + col.ClrType + (col.IsNullable ? "?" : "") + ">()");
        }

        // A stable hash (FNV-1a) of the columns' and navigations' names and types: bytes written for another shape of the model are not read.
        private static int Shape(ModelPlan plan)
        {
            var text = string.Join(";", plan.Columns.Select(c => c.Name + ":" + c.ClrType + ":" + c.StoreType + ":" + c.IsNullable + ":" + (c.JsonTypeInfo ?? "")))
                + "|" + string.Join(";", plan.Relations.Select(r => r.PropertyName + ":" + r.TargetType + ":" + r.Many));
            unchecked
            {
                var hash = (int)2166136261;
                foreach (var ch in text)
                {
                    hash = (hash ^ ch) * 16777619;
                }

                return hash;
            }
        }
    }
}
