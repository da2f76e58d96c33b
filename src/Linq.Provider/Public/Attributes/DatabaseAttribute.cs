namespace Linq;

/// <summary>
/// Marks the <c>partial</c> client class (deriving from <see cref="LinqDatabase"/>). The generator adds a
/// <see cref="Table{T}"/> property per model (pluralised: <c>User</c> → <c>Users</c>), constructors and
/// the model registry.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class DatabaseAttribute : Attribute
{
    /// <summary>
    /// <c>[Database]</c> classes of referenced projects whose tables this database has too, beside every <c>[Model]</c>
    /// class of its own project: <c>[Database(Include = [typeof(BlogDb)])]</c> over a shared model library. The
    /// included models keep the relations they were generated with; a model of this project cannot have a
    /// relation to an included one.
    /// </summary>
    public Type[] Include { get; set; } = [];
}
