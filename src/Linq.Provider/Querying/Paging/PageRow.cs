namespace Linq.Querying.Paging;

/// <summary>A row of a page query: the projected item and the values of its ordering keys (for the next cursor).</summary>
internal readonly record struct PageRow<T>(T Item, object?[] Keys);
