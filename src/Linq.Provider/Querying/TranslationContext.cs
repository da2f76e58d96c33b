using Linq.Modeling;
using Linq.Sql.Syntax;
using NpgsqlTypes;
using Remotion.Linq.Clauses;

namespace Linq.Querying;

/// <summary>State shared while translating one query: parameter slots, table aliases and the query sources in scope.</summary>
internal sealed class TranslationContext(DatabaseModel model)
{
    private readonly Dictionary<IQuerySource, SourceBinding> _sources = [];
    private int _aliases;

    public DatabaseModel Model { get; } = model;

    public List<ParameterSlot> Parameters { get; } = [];

    public string NextAlias() => "t" + _aliases++;

    public ParameterExpression AddParameter(object? value, NpgsqlDbType? type = null)
    {
        Parameters.Add(new ParameterSlot(value, type));
        return new ParameterExpression(Parameters.Count - 1);
    }

    public void Bind(IQuerySource source, SourceBinding binding) => _sources[source] = binding;

    public SourceBinding? Find(IQuerySource source) => _sources.GetValueOrDefault(source);

    public ModelMetadata ModelFor(Type type, System.Linq.Expressions.Expression at) =>
        Model.Find(type) ?? throw new QueryTranslationException(at, $"'{type.Name}' is not a model of this database.");
}

/// <summary>A query source bound to a table alias and its model.</summary>
internal sealed record SourceBinding(string Alias, ModelMetadata Model);
