namespace Linq;

/// <summary>One page of a keyset-paged query (<see cref="PagingQueryableExtensions.ToPageAsync{T}"/>).</summary>
/// <typeparam name="T">The row type.</typeparam>
/// <param name="Items">The rows of this page, in the query's order.</param>
/// <param name="HasMore">Whether rows follow this page.</param>
/// <param name="NextCursor">An opaque token for the next page (pass it as <c>after</c>), or null on the last page.</param>
public sealed record Page<T>(IReadOnlyList<T> Items, bool HasMore, string? NextCursor);
