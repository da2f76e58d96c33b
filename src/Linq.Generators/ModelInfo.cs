namespace Linq.Generators
{
    /// <summary>What a property is to the model.</summary>
    internal enum PropertyKind
    {
        Scalar,
        ToOne,
        ToMany,
        Unmappable,
        NotAModel,
    }

    /// <summary>A <c>[Unique]</c> or <c>[Index]</c> declared on the class.</summary>
    internal sealed record KeySpec(EquatableArray<string> Fields, string? Name, LocationInfo? Location, bool NullsLast = false);

    /// <summary>
    /// A <c>[DbEnum]</c> enum used by a model: per member in declaration order its PostgreSQL label (<c>[Map]</c> or the
    /// name), its name and the C# expression of its value.
    /// </summary>
    internal sealed record EnumInfo(string FullName, string StoreName, EquatableArray<string> Labels, EquatableArray<string> Members, EquatableArray<string> Values);

    /// <summary>One property of a model, as plain data.</summary>
    internal sealed record PropertyInfo
    {
        public string Name { get; init; } = "";
        public LocationInfo? Location { get; init; }
        public PropertyKind Kind { get; init; }
        public string TypeDisplay { get; init; } = "";
        public bool IsNullable { get; init; }
        public bool IsRequiredMember { get; init; }
        public bool IsInitOnly { get; init; }

        // Scalars
        public string ClrType { get; init; } = "";        // fully qualified, without the nullable marker
        public string StoreType { get; init; } = "";
        public bool IsValueType { get; init; }
        public bool IsInteger { get; init; }
        public bool IsDateTimeOffset { get; init; }
        public string ColumnName { get; init; } = "";
        public bool IsId { get; init; }
        public bool IsAutoIncrement { get; init; }
        public EquatableArray<KeySpec> Uniques { get; init; }  // each [Unique] on the property (no fields; Name and where it stands)
        public string? DefaultCode { get; init; }
        public bool DefaultMismatch { get; init; }
        public string DefaultValueType { get; init; } = "";
        public bool DefaultNow { get; init; }
        public string? FullTextConfig { get; init; }      // [FullTextIndex]
        public string? FullTextIndexName { get; init; }
        public string? JsonTypeInfo { get; init; }        // [JsonColumn]: the context's JsonTypeInfo<T> expression
        public string JsonContext { get; init; } = "";
        public int JsonError { get; init; }
        public EquatableArray<string> JsonNames { get; init; }

        // Column facets and concurrency (ColumnFacets)
        public int MaxLength { get; init; }
        public int Precision { get; init; } = -1;
        public int Scale { get; init; }
        public bool IsConcurrencyToken { get; init; }
        public bool IsRowVersion { get; init; }
        public EquatableArray<string> FacetErrors { get; init; }

        // Navigations
        public string TargetType { get; init; } = "";     // fully qualified
        public string TargetName { get; init; } = "";
        public bool HasRelation { get; init; }
        public EquatableArray<string> RelationFields { get; init; }
        public EquatableArray<string> RelationReferences { get; init; }
        public int OnDelete { get; init; } = -1;
        public int OnUpdate { get; init; } = -1;
        public string? RelationName { get; init; }
        public bool IsManyToMany { get; init; }
        public string? ManyToManyName { get; init; }
    }

    /// <summary>One <c>[Model]</c> class, as plain data.</summary>
    internal sealed record ModelInfo
    {
        public string FullName { get; init; } = "";
        public string? Namespace { get; init; }
        public string Name { get; init; } = "";
        public bool IsPublic { get; init; }
        public string TableName { get; init; } = "";
        public bool IsPartial { get; init; }
        public bool IsTopLevelNonGeneric { get; init; }
        public LocationInfo? Location { get; init; }
        public EquatableArray<PropertyInfo> Properties { get; init; }
        public EquatableArray<KeySpec> Uniques { get; init; }
        public EquatableArray<KeySpec> Indexes { get; init; }
        public EquatableArray<EnumInfo> Enums { get; init; }
        public bool IsView { get; init; }
    }

    /// <summary>
    /// The <c>[Database]</c> class, as plain data; <paramref name="Included"/> holds the models of the <c>[Database]</c>
    /// classes of referenced assemblies named by <c>Include</c>, read from their metadata.
    /// </summary>
    internal sealed record DatabaseInfo(string FullName, string? Namespace, string Name, bool IsPublic, bool IsPartial,
        bool DerivesFromLinqDatabase, LocationInfo? Location, EquatableArray<ModelInfo> Included, EquatableArray<DiagnosticInfo> Diagnostics);
}
