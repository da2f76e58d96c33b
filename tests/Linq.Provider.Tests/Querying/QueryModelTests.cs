using System.Linq.Expressions;
using Linq.Provider.Tests.Models;
using Linq.Querying.Model;
using Linq.Querying.Relinq;

namespace Linq.Provider.Tests.Querying;

/// <summary>
/// The query model the translators read, as the re-linq seam builds it: row variables kept by identity across
/// sub-queries, groups as queries over a GroupBy query, operators as our own records.
/// </summary>
public sealed class QueryModelTests : IDisposable
{
    private readonly TestDb _db = new("Host=localhost;Username=unused");

    public void Dispose() => _db.Dispose();

    private static QueryModel Parse(Expression expression) => RelinqFrontEnd.Instance.Parse(expression, expression);

    [Fact]
    public void A_sub_query_refers_to_the_outer_row_by_the_same_source()
    {
        var model = Parse(_db.Users.Where(u => u.Posts.Any(p => p.Title == u.Email)).Expression);

        Assert.Equal(typeof(User), model.Source.ItemType);
        Assert.Equal(model.Source, Assert.IsType<QuerySourceExpression>(model.Selector).Source);
        var where = Assert.IsType<WhereClause>(Assert.Single(model.Clauses));
        var inner = Assert.IsType<SubqueryExpression>(where.Predicate).Model;
        var navigation = Assert.IsAssignableFrom<MemberExpression>(inner.From);
        Assert.Equal(nameof(User.Posts), navigation.Member.Name);
        Assert.Equal(model.Source, Assert.IsType<QuerySourceExpression>(navigation.Expression).Source);

        var equal = Assert.IsAssignableFrom<BinaryExpression>(Assert.IsType<WhereClause>(Assert.Single(inner.Clauses)).Predicate);
        Assert.Equal(inner.Source, Assert.IsType<QuerySourceExpression>(Assert.IsAssignableFrom<MemberExpression>(equal.Left).Expression).Source);
        Assert.Equal(model.Source, Assert.IsType<QuerySourceExpression>(Assert.IsAssignableFrom<MemberExpression>(equal.Right).Expression).Source);
        Assert.IsType<AnyOperator>(Assert.Single(inner.Operators));
    }

    [Fact]
    public void A_group_is_a_query_over_a_GroupBy_query()
    {
        var model = Parse(_db.Posts.GroupBy(p => p.AuthorId).Select(g => new { g.Key, N = g.Count() }).Expression);

        var grouped = Assert.IsType<SubqueryExpression>(model.From).Model;
        var group = Assert.IsType<GroupByOperator>(Assert.Single(grouped.Operators));
        Assert.Equal(grouped.Source, Assert.IsType<QuerySourceExpression>(group.ElementSelector).Source);
        Assert.Equal(typeof(IGrouping<int, Post>), model.Source.ItemType);

        var count = Assert.IsType<SubqueryExpression>(Assert.IsAssignableFrom<NewExpression>(model.Selector).Arguments[1]).Model;
        Assert.Equal(model.Source, Assert.IsType<QuerySourceExpression>(count.From).Source);
        Assert.IsType<CountOperator>(Assert.Single(count.Operators));
    }

    [Fact]
    public void Replacing_a_source_reaches_into_sub_queries()
    {
        var model = Parse(_db.Users.Where(u => u.Posts.Any(p => p.Title == u.Email)).Expression);
        var stand = Expression.Constant(null, typeof(User));

        var replaced = model.Replace(model.Source, stand);

        Assert.Same(stand, replaced.Selector);
        var inner = Assert.IsType<SubqueryExpression>(Assert.IsType<WhereClause>(replaced.Clauses[0]).Predicate).Model;
        Assert.Same(stand, Assert.IsAssignableFrom<MemberExpression>(inner.From).Expression);
        Assert.Same(model.Clauses[0], Assert.Single(model.Clauses));
        Assert.IsType<QuerySourceExpression>(model.Selector);
    }

    [Fact]
    public void Aggregates_carry_their_result_type_and_unknown_operators_their_text()
    {
        Expression<Func<double>> average = () => _db.Posts.Average(p => p.Id);
        var aggregate = Assert.IsType<AggregateOperator>(Assert.Single(Parse(average.Body).Operators));
        Assert.Equal(AggregateFunction.Average, aggregate.Function);
        Assert.Equal(typeof(double), aggregate.ResultType);

        var fallback = new Post { Title = "none" };
        var withDefault = Parse(_db.Users.Where(u => u.Posts.DefaultIfEmpty(fallback).First().Published).Expression);
        var sub = Assert.IsType<SubqueryExpression>(Assert.IsAssignableFrom<MemberExpression>(Assert.IsType<WhereClause>(withDefault.Clauses[0]).Predicate).Expression);
        var unknown = Assert.IsType<UnsupportedOperator>(sub.Model.Operators[0]).Description;
        Assert.StartsWith("DefaultIfEmpty(", unknown, StringComparison.Ordinal);
        Assert.IsType<FirstOperator>(sub.Model.Operators[1]);
        Assert.Equal("{[u].Posts => " + unknown + " => First()}", sub.ToString());

        var last = Parse(_db.Users.Where(u => u.Posts.Last().Published).Expression);
        var lastSub = Assert.IsType<SubqueryExpression>(Assert.IsAssignableFrom<MemberExpression>(Assert.IsType<WhereClause>(last.Clauses[0]).Predicate).Expression);
        Assert.Equal(new LastOperator(false), Assert.Single(lastSub.Model.Operators));
    }
}
