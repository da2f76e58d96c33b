using System.Linq.Expressions;
using Linq.Contract;

namespace Linq.Querying.Filters;

/// <summary>
/// A <c>FindUniqueAsync</c> predicate to check against the model's unique keys. The check depends only on the
/// predicate's shape, so it runs when the plan is built and a cached find skips it: the plan cache keys such a query
/// apart from the same <c>Where(…).FirstOrDefault()</c> of <c>FindFirstAsync</c>, which needs no unique key.
/// </summary>
internal readonly record struct UniqueLookup(ModelMetadata Model, LambdaExpression Predicate)
{
    /// <inheritdoc cref="UniqueKeyMatcher.EnsureUnique(ModelMetadata, LambdaExpression)"/>
    public void Ensure() => UniqueKeyMatcher.EnsureUnique(Model, Predicate);
}
