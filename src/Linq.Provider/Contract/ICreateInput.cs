using System.ComponentModel;

namespace Linq.Contract;

/// <summary>A create input of any model: its column values and nested writes.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public interface ICreateInput
{
    /// <summary>Writes every scalar column of the model: a value, or "use the database's" for unset generated columns.</summary>
    void WriteTo(IColumnValueWriter writer);

    /// <summary>Hands the nested writes that are set to <paramref name="writer"/> (nothing for a model without relations).</summary>
    void WriteRelationsTo(IRelationWriter writer)
    {
    }
}

/// <summary>Implemented by generated create inputs (<c>UserCreateInput</c>, <c>PostCreateWithoutAuthorInput</c>, …).</summary>
/// <typeparam name="TModel">The model the input creates.</typeparam>
[EditorBrowsable(EditorBrowsableState.Never)]
public interface ICreateInput<TModel> : ICreateInput where TModel : class
{
}
