using Linq.Sql.Syntax;

namespace Linq.Writing;

/// <summary>
/// A LINQ filter compiled (through the query cache) to a condition over the row alias <see cref="Alias"/>: by default
/// <c>key IN (SELECT key FROM … WHERE …)</c> over <c>target</c>; from <see cref="FilterPlanner.PlanRows{T}"/> the
/// predicate itself over the filter's own alias when it needs no join. Its parameters are the cached plan's
/// placeholders: a statement that contains the filter is bound with <see cref="Values"/>, this execution's values
/// (one filter per statement).
/// </summary>
internal sealed record FilterPlan(SqlExpression Where, object?[] Values)
{
    /// <summary>The alias the statement must give the filtered table (its SET expressions and other conditions use it).</summary>
    public string Alias { get; init; } = FilterPlanner.Target;

    /// <summary>The cached filter the condition comes from (<see cref="FilterPlanner.PlanRows{T}"/>): statements that embed it are cached with it.</summary>
    public Querying.Filters.CompiledFilter? Compiled { get; init; }
}
