using System.Linq.Expressions;
using Linq.Querying.Paging;

namespace Linq.Querying;

/// <summary>What the query says besides its LINQ operators: the include tree and the load strategy, pulled out before parsing.</summary>
internal sealed class QueryOptions
{
    public IncludeNode Includes { get; } = new("", Expression.Lambda<Action>(Expression.Empty()));

    public LoadStrategy? Strategy { get; set; }

    /// <summary>The plan must be one statement (streamed, a batch item, a READ COMMITTED transaction): unnamed strategies are Join.</summary>
    public bool SingleStatement { get; init; }

    /// <summary>Keyset paging: Cursor(…) or ToPageAsync(…).</summary>
    public KeysetSpec? Keyset { get; set; }

    /// <summary>The client's page-token codec, which decodes a ToPageAsync token at bind time.</summary>
    public required CursorToken PageTokens { get; init; }

    /// <summary>OnPrimary(): the query skips the read replicas.</summary>
    public bool OnPrimary { get; set; }

    public bool HasIncludes => Includes.Children.Count > 0;
}
