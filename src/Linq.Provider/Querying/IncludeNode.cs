using System.Linq.Expressions;

namespace Linq.Querying;

/// <summary>
/// One included navigation: the lambda as written (<c>u =&gt; u.Posts.Where(…).Take(5)</c>, its parameter
/// being the owner row) and what is included below it.
/// </summary>
internal sealed class IncludeNode(string navigation, LambdaExpression lambda)
{
    public string Navigation { get; } = navigation;

    public LambdaExpression Lambda { get; set; } = lambda;

    public List<IncludeNode> Children { get; } = [];

    /// <summary>The strategy asked for this relation, if any (otherwise the query's, otherwise Join).</summary>
    public LoadStrategy? Strategy { get; set; }

    public IncludeNode GetOrAdd(string navigation, LambdaExpression lambda)
    {
        var existing = Children.Find(c => c.Navigation == navigation);
        if (existing is not null)
        {
            // Including the same navigation twice: a filtered form wins over a plain one.
            if (lambda.Body is not MemberExpression)
            {
                existing.Lambda = lambda;
            }

            return existing;
        }

        var node = new IncludeNode(navigation, lambda);
        Children.Add(node);
        return node;
    }
}
