using System.Linq.Expressions;
using Linq.Contract;
using Linq.Sql.Syntax;
using NpgsqlTypes;
using Remotion.Linq.Clauses;

namespace Linq.Querying;

/// <summary>
/// State shared while translating one query: the execution's values (consulted only for their null
/// pattern, which is part of the cache key), parameter slots, table aliases and the query sources in scope.
/// </summary>
internal sealed class TranslationContext(DatabaseModel model, object?[] values)
{
    private readonly Dictionary<IQuerySource, SourceBinding> _sources = [];
    private readonly Dictionary<IQuerySource, GroupBinding> _groups = [];
    private int _aliases;

    public DatabaseModel Model { get; } = model;

    public object?[] Values { get; } = values;

    public List<ParameterSlot> Parameters { get; } = [];

    public string NextAlias() => "t" + _aliases++;

    public SqlParameterExpression AddSlot(int source, Func<object?, object?>? transform = null, NpgsqlDbType? type = null)
    {
        Parameters.Add(new ParameterSlot(source, null, transform, type));
        return new SqlParameterExpression(Parameters.Count - 1);
    }

    public SqlParameterExpression AddConstant(object? value, Func<object?, object?>? transform = null, NpgsqlDbType? type = null)
    {
        Parameters.Add(new ParameterSlot(-1, value, transform, type));
        return new SqlParameterExpression(Parameters.Count - 1);
    }

    public void Bind(IQuerySource source, SourceBinding binding) => _sources[source] = binding;

    public SourceBinding? Find(IQuerySource source) => _sources.GetValueOrDefault(source);

    public void BindGroup(IQuerySource source, GroupBinding group) => _groups[source] = group;

    public GroupBinding? FindGroup(IQuerySource source) => _groups.GetValueOrDefault(source);

    public ModelMetadata ModelFor(Type type, Expression at) =>
        Model.Find(type) ?? throw new QueryTranslationException(at, $"'{type.Name}' is not a model of this database.");
}
