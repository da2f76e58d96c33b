namespace Linq.Writing;

/// <summary>Implemented by generated create inputs (<c>UserCreateInput</c>, …).</summary>
/// <typeparam name="TModel">The model the input creates.</typeparam>
public interface ICreateInput<TModel> where TModel : class
{
    /// <summary>Writes every scalar column of the model: a value, or "use the database's" for unset generated columns.</summary>
    void WriteTo(IColumnValueWriter writer);
}
