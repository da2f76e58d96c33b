using System.Linq.Expressions;
using Linq.Contract;

namespace Linq.Querying.Filters;

/// <summary>
/// Writes an extended client's global filters into a query's expression tree, before the tree is fingerprinted: every
/// table (the query's root, a joined or sub-queried table) becomes <c>table.Where(filter)</c>, every collection navigation
/// <c>u.Posts</c> (relation filters, counts, nested selects, includes) becomes <c>u.Posts.Where(filter)</c>. The result is
/// the tree the user would have written by hand, so the translator needs nothing new, the plan-cache key contains the
/// filters (two clients with different filters never share a plan), and a filter's captured values are parameters.
/// To-one navigations are not filtered: the row a foreign key points to is there (see docs/extensions.md).
/// </summary>
internal sealed class FilterInjector : ExpressionVisitor
{
    private readonly ClientExtensions _extensions;
    private readonly DatabaseModel _model;

    private FilterInjector(ClientExtensions extensions, DatabaseModel model)
    {
        _extensions = extensions;
        _model = model;
    }

    /// <summary>The query with the filters written in, or the query itself when it has none to apply or asks for <c>IgnoreFilters()</c>.</summary>
    public static Expression Apply(Expression query, ClientExtensions extensions, DatabaseModel model)
    {
        if (extensions.Filters.Count == 0 || IgnoresFilters(query))
        {
            return query;
        }

        var injector = new FilterInjector(extensions, model);
        return injector.WrapTable(injector.Visit(query));
    }

    /// <summary>A write's predicate (<c>UpdateMany</c>, <c>DeleteMany</c>) with the model's filter joined by AND, and its navigations filtered.</summary>
    public static Expression<Func<T, bool>> Apply<T>(Expression<Func<T, bool>> predicate, ClientExtensions extensions, DatabaseModel model)
        where T : class, IModel<T>
    {
        if (extensions.Filters.Count == 0)
        {
            return predicate;
        }

        var visited = (Expression<Func<T, bool>>)new FilterInjector(extensions, model).Visit(predicate);
        return extensions.FilterOf(typeof(T)) is ClientExtensions.ModelFilter<T> own ? Join(own.Predicate, visited) : visited;
    }

    /// <summary>The model's own filter alone, for a write by unique key (null when the model has none).</summary>
    public static Expression<Func<T, bool>>? Own<T>(ClientExtensions? extensions) where T : class, IModel<T> =>
        extensions?.FilterOf(typeof(T)) is ClientExtensions.ModelFilter<T> own ? own.Predicate : null;

    private static Expression<Func<T, bool>> Join<T>(Expression<Func<T, bool>> filter, Expression<Func<T, bool>> predicate)
    {
        var parameter = predicate.Parameters[0];
        var body = Expression.AndAlso(predicate.Body, new Substitution(filter.Parameters[0], parameter).Visit(filter.Body));
        return Expression.Lambda<Func<T, bool>>(body, parameter);
    }

    // IgnoreFilters() anywhere in the outer operator chain turns the filters off for the whole query.
    private static bool IgnoresFilters(Expression query)
    {
        for (var node = query; node is MethodCallExpression { Arguments.Count: > 0 } call; node = call.Arguments[0])
        {
            if (call.Method.DeclaringType == typeof(FilterQueryableExtensions))
            {
                return true;
            }
        }

        return false;
    }

    protected override Expression VisitMethodCall(MethodCallExpression node)
    {
        if (node.Method.DeclaringType == typeof(RelationQueryableExtensions)
            && node.Method.Name is nameof(RelationQueryableExtensions.Include) or nameof(RelationQueryableExtensions.ThenInclude))
        {
            return node.Update(node.Object, [WrapTable(Visit(node.Arguments[0])), .. node.Arguments.Skip(1).Select(IncludeArgument)]);
        }

        var instance = node.Object is null ? null : Visit(node.Object);
        var arguments = new Expression[node.Arguments.Count];
        for (var i = 0; i < arguments.Length; i++)
        {
            var argument = node.Arguments[i];
            arguments[i] = CollectionNavigation(argument) is { } filter
                ? filter.WhereEnumerable(VisitNavigationOwner((MemberExpression)argument))
                : WrapTable(Visit(argument));
        }

        return node.Update(instance, arguments);
    }

    protected override Expression VisitMember(MemberExpression node)
    {
        // u.Posts.Count (the collection's property) counts the filtered rows.
        if (node.Member.Name == nameof(List<object>.Count) && node.Expression is MemberExpression inner && CollectionNavigation(inner) is { } counted)
        {
            return counted.Count(counted.WhereEnumerable(VisitNavigationOwner(inner)));
        }

        // The navigation itself, projected (Select(u => new { u.Posts })): its filtered rows as a list of the navigation's type.
        if (CollectionNavigation(node) is { } filter)
        {
            var list = filter.ToList(filter.WhereEnumerable(VisitNavigationOwner(node)));
            return list.Type == node.Type ? list : Expression.Convert(list, node.Type);
        }

        return base.VisitMember(node);
    }

    protected override Expression VisitLambda<T>(Expression<T> node)
    {
        var body = WrapTable(Visit(node.Body));
        return body == node.Body ? node : node.Update(body, node.Parameters);
    }

    // Include(u => u.Posts) → Include(u => (List<Post>)u.Posts.Where(filter)): a filtered include, the type Include expects.
    private Expression IncludeArgument(Expression argument)
    {
        var quoted = argument is UnaryExpression { NodeType: ExpressionType.Quote } quote ? quote.Operand : argument;
        if (quoted is not LambdaExpression { Body: MemberExpression navigation } lambda || CollectionNavigation(navigation) is not { } filter)
        {
            return Visit(argument);
        }

        var body = Expression.Convert(filter.WhereEnumerable(VisitNavigationOwner(navigation)), navigation.Type);
        var rewritten = Expression.Lambda(lambda.Type, body, lambda.Parameters);
        return argument is UnaryExpression ? Expression.Quote(rewritten) : rewritten;
    }

    private Expression VisitNavigationOwner(MemberExpression navigation) => navigation.Update(Visit(navigation.Expression));

    // A table of a filtered model, wherever the tree holds one (the query's root, a join's inner rows, a captured table).
    private Expression WrapTable(Expression node) => _extensions.FilterOfTable(node.Type) is { } filter ? filter.WhereQueryable(node) : node;

    // The filter of the model a collection navigation (u.Posts, a many-to-many's a.Labels) leads to, or null.
    private ClientExtensions.ModelFilter? CollectionNavigation(Expression node) =>
        node is MemberExpression { Expression: { } owner } member
        && _model.Find(owner.Type)?.FindRelation(member.Member.Name) is { Kind: RelationKind.ToMany } relation
            ? _extensions.FilterOf(relation.Target.ClrType)
            : null;

    private sealed class Substitution(ParameterExpression from, Expression to) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == from ? to : node;
    }
}
