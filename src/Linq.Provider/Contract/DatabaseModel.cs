using System.Collections.Frozen;
using System.ComponentModel;
using Linq.Sql.Schema;

namespace Linq.Contract;

/// <summary>The registry of one <c>[Database]</c> class: all its models and enum types, emitted by the generator.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class DatabaseModel
{
    private readonly FrozenDictionary<Type, ModelMetadata> _byType;

    /// <summary>Created by generated code only.</summary>
    public DatabaseModel(IReadOnlyList<ModelMetadata> models, IReadOnlyList<EnumMetadata> enums)
    {
        Models = models;
        Enums = enums;
        _byType = models.ToFrozenDictionary(m => m.ClrType);
    }

    /// <summary>The models, in declaration order.</summary>
    public IReadOnlyList<ModelMetadata> Models { get; }

    /// <summary>The <c>[DbEnum]</c> types used by the models.</summary>
    public IReadOnlyList<EnumMetadata> Enums { get; }

    /// <summary>The metadata of a model type, or null when it is not part of this database.</summary>
    public ModelMetadata? Find(Type modelType) => _byType.GetValueOrDefault(modelType);

    /// <summary>
    /// The whole schema as a DDL model: the tables of the models, then the join tables of many-to-many relations (each
    /// once, from the side whose column sorts first). Views are not part of it: migrations neither create nor drop them.
    /// </summary>
    public SchemaDefinition ToSchemaDefinition() => new(
        Enums.Select(e => new EnumTypeDefinition(e.StoreName, e.Labels)).ToList(),
        [
            .. Models.Where(m => !m.IsView).Select(m => m.ToTableDefinition()),
            .. Models.SelectMany(m => m.Relations.Where(r => r.JoinTable is { } j && string.CompareOrdinal(j.SourceColumn, j.TargetColumn) < 0)
                .Select(r => r.JoinTable!.ToTableDefinition(m, r.Target))),
        ]);
}
