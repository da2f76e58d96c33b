using System.Collections.Generic;

namespace Linq.Generators
{
    /// <summary>A resolved relation, ready to emit.</summary>
    internal sealed class RelationPlan
    {
        public string PropertyName = "";
        public string TargetType = "";
        public bool Many;
        public bool IsOwner;
        public bool IsOptional;
        public List<string> ForeignKeyProperties = new List<string>();
        public List<string> ReferencedProperties = new List<string>();
        public string ConstraintName = "";
        public int OnDelete;
        public int OnUpdate;

        /// <summary>For a back-reference: the owner's navigation on the target (the relation it mirrors).</summary>
        public string InverseProperty = "";

        /// <summary>Whether the foreign key columns (on whichever side) accept NULL, so the relation can be detached.</summary>
        public bool ForeignKeyNullable;

        /// <summary>Whether the target is a <c>[View]</c>: nothing is written through the relation.</summary>
        public bool TargetIsView;

        /// <summary>For a many-to-many relation: its join table, and the columns holding this model's and the target's key.</summary>
        public string JoinTable = "";
        public string SourceColumn = "";
        public string TargetColumn = "";
    }

    /// <summary>A named key over column ordinals.</summary>
    internal sealed class KeyPlan
    {
        public KeyPlan(string name, List<int> columns, NameOrigin? origin = null)
        {
            Name = name;
            Columns = columns;
            Origin = origin ?? new NameOrigin("the key '" + name + "'", "another name", null);
        }

        public string Name { get; }

        /// <summary>What declared the key and how to rename it, for the name collision diagnostics.</summary>
        public NameOrigin Origin { get; }

        public List<int> Columns { get; }

        /// <summary>For a full-text index: its text search configuration.</summary>
        public string? TextSearchConfig { get; set; }

        /// <summary>For an <c>[Index(…, Nulls = IndexNulls.Last)]</c>: its nullable columns keep PostgreSQL's default NULL order.</summary>
        public bool NullsLast { get; set; }
    }

    /// <summary>A model after validation across all models: what the emitter writes.</summary>
    internal sealed class ModelPlan
    {
        public ModelPlan(ModelInfo info) => Info = info;

        public ModelInfo Info { get; }

        public List<PropertyInfo> Columns { get; } = new List<PropertyInfo>();

        public List<PropertyInfo> Navigations { get; } = new List<PropertyInfo>();

        public KeyPlan PrimaryKey { get; set; } = new KeyPlan("", new List<int>());

        public List<KeyPlan> Uniques { get; } = new List<KeyPlan>();

        public List<KeyPlan> Indexes { get; } = new List<KeyPlan>();

        public List<RelationPlan> Relations { get; } = new List<RelationPlan>();

        public bool CanEmit => Info.IsPartial && Info.IsTopLevelNonGeneric;

        public int ColumnOrdinal(string propertyName) => Columns.FindIndex(c => c.Name == propertyName);
    }
}
