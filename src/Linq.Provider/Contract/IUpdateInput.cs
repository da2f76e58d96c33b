using System.ComponentModel;

namespace Linq.Contract;

/// <summary>An update input of any model: its set fields and nested writes.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public interface IUpdateInput
{
    /// <summary>Writes the fields that are set.</summary>
    void WriteTo(IUpdateValueWriter writer);

    /// <summary>Hands the nested writes that are set to <paramref name="writer"/>.</summary>
    void WriteRelationsTo(IRelationUpdateWriter writer)
    {
    }
}

/// <summary>Implemented by generated update inputs (<c>UserUpdateInput</c>, …).</summary>
/// <typeparam name="TModel">The model the input changes.</typeparam>
[EditorBrowsable(EditorBrowsableState.Never)]
public interface IUpdateInput<TModel> : IUpdateInput where TModel : class
{
}
