namespace Linq;

/// <summary>
/// Marks the <c>partial</c> client class (deriving from <see cref="LinqDatabase"/>). The generator adds a
/// <see cref="Table{T}"/> property per model (pluralised: <c>User</c> → <c>Users</c>), constructors and
/// the model registry.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class DatabaseAttribute : Attribute;
