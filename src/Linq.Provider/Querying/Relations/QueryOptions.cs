using System.Linq.Expressions;

namespace Linq.Querying.Relations;

/// <summary>What the query says besides its LINQ operators: the include tree and the load strategy, pulled out before parsing.</summary>
internal sealed class QueryOptions
{
    public IncludeNode Includes { get; } = new("", Expression.Lambda<Action>(Expression.Empty()));

    public LoadStrategy? Strategy { get; set; }

    /// <summary>Keyset paging: Cursor(…) or ToPageAsync(…).</summary>
    public Paging.KeysetSpec? Keyset { get; set; }

    public bool HasIncludes => Includes.Children.Count > 0;
}
