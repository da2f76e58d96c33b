using System.Linq.Expressions;
using Linq.Contract;
using Linq.Sql.Syntax;
using Linq.Querying.Model;

namespace Linq.Querying;

/// <summary>
/// State shared while translating one query: the execution's values (consulted only for their null
/// pattern, which is part of the cache key), table aliases, the query sources in scope, and the front end that
/// reads the filter of a filtered include.
/// </summary>
internal sealed class TranslationContext(DatabaseModel model, object?[] values, IQueryFrontEnd frontEnd)
{
    private readonly Dictionary<QuerySource, SourceBinding> _sources = [];
    private readonly Dictionary<QuerySource, GroupBinding> _groups = [];
    private readonly Dictionary<QuerySource, SqlValue> _elements = [];
    private int _aliases;

    public DatabaseModel Model { get; } = model;

    public object?[] Values { get; } = values;

    public IQueryFrontEnd FrontEnd { get; } = frontEnd;

    public string NextAlias() => "t" + _aliases++;

    /// <summary>
    /// How many expressions that fail the statement for some rows (as .NET throws: <c>s[i]</c>, <c>Substring</c>,
    /// <c>IndexOf</c> past the end) the translation has written so far. A short-circuit operator whose right side
    /// added one keeps that side behind its left (<see cref="Expressions.ShortCircuit"/>): SQL may evaluate
    /// <c>AND</c>'s operands in any order, so <c>s.Length &gt; 3 &amp;&amp; s[3] == 'x'</c> could otherwise fail.
    /// </summary>
    public int Failures { get; private set; }

    /// <summary>Counts one expression that fails the statement for some rows (see <see cref="Failures"/>).</summary>
    public void NoteFailure() => Failures++;

    /// <summary>
    /// A context for another statement that embeds this one's selects (a relation level selecting its parents again):
    /// its aliases continue after this one's, so no embedded alias is shadowed or captured.
    /// </summary>
    public TranslationContext Continued() => new(Model, Values, FrontEnd) { _aliases = _aliases };

    /// <summary>A placeholder for the execution's <c>values[source]</c>: the plan is rendered once, each execution binds it.</summary>
    public SqlParameterExpression AddSlot(int source, Type valueType, Func<object?, object?>? transform = null, string? storeType = null) =>
        new ParameterSlot(source, valueType, transform, storeType);

    /// <summary>A value fixed in the plan (a constant of the query's shape), converted once here.</summary>
    public SqlParameterExpression AddConstant(object? value, Func<object?, object?>? transform = null, string? storeType = null) =>
        new SqlParameter<object?>(transform is null || value is null ? value : transform(value), storeType);

    public void Bind(QuerySource source, SourceBinding binding) => _sources[source] = binding;

    public SourceBinding? Find(QuerySource source) => _sources.GetValueOrDefault(source);

    public void BindGroup(QuerySource source, GroupBinding group) => _groups[source] = group;

    public GroupBinding? FindGroup(QuerySource source) => _groups.GetValueOrDefault(source);

    /// <summary>Binds the element of a sub-query over an array (<c>unnest</c>) to the SQL that reads it.</summary>
    public void BindElement(QuerySource source, SqlValue element) => _elements[source] = element;

    public SqlValue? FindElement(QuerySource source) => _elements.GetValueOrDefault(source);

    public ModelMetadata ModelFor(Type type, Expression at) =>
        Model.Find(type) ?? throw new QueryTranslationException(at, $"'{type.Name}' is not a model of this database.");
}
