namespace Linq.Writing;

/// <summary>Implemented by generated update inputs (<c>UserUpdateInput</c>, …).</summary>
public interface IUpdateInput<TModel> where TModel : class
{
    /// <summary>Writes the fields that are set.</summary>
    void WriteTo(IUpdateValueWriter writer);
}
