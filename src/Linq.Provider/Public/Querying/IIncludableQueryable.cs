namespace Linq;

/// <summary>A query with an <c>Include</c> at its end, so <c>ThenInclude</c> can continue from the included navigation.</summary>
/// <typeparam name="T">The row type.</typeparam>
/// <typeparam name="TProperty">The type of the last included navigation.</typeparam>
public interface IIncludableQueryable<out T, out TProperty> : IOrderedQueryable<T>;
