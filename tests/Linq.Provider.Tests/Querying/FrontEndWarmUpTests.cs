using Linq.Querying.Frontend;
using Linq.Querying.Model;

namespace Linq.Provider.Tests.Querying;

/// <summary>
/// The first client's background warm-up parses a sample query through the real front end; if the sample stopped
/// parsing, the warm-up would swallow the error and silently warm nothing, so its result is checked here.
/// </summary>
public sealed class FrontEndWarmUpTests
{
    [Fact]
    public void The_sample_parses_into_every_operator_it_names()
    {
        var model = FrontEndWarmUp.ParseSample();

        // Select after Take reads from the query that ends with Take: where and order by clauses, then Skip and Take.
        var inner = Assert.IsType<SubqueryExpression>(model.From).Model;
        Assert.Equal(2, inner.Clauses.Count);
        Assert.Equal([typeof(SkipOperator), typeof(TakeOperator)], inner.Operators.Select(o => o.GetType()));
        Assert.Empty(model.Operators);
    }

    [Fact]
    public void Starting_twice_queues_once_and_never_throws()
    {
        FrontEndWarmUp.Start();
        FrontEndWarmUp.Start();
    }
}
