using System.Linq.Expressions;
using Linq.Contract;
using Linq.Querying.Expressions;
using Linq.Querying.Model;
using Linq.Querying.Relations;

namespace Linq.Querying.Shaping;

/// <summary>
/// Splits a selector into SQL and a shaper: every sub-expression that translates to SQL becomes a value the
/// sink reads back; a whole row becomes the generated materializer (with its includes); a related collection
/// (<c>u.Posts</c>, <c>u.Posts.Where(…).Select(…).ToList()</c>) becomes a lateral JSON aggregate; what is left
/// (object construction, local methods over read values) runs on the client, after the rows are read.
/// </summary>
internal sealed class ProjectionBuilder
{
    private readonly TranslationContext _context;
    private readonly SqlExpressionTranslator _translator;
    private readonly IProjectionSink _sink;
    private readonly RelationTranslator _relations;

    public ProjectionBuilder(TranslationContext context, SqlExpressionTranslator translator, IProjectionSink sink, RelationTranslator relations)
    {
        _context = context;
        _translator = translator;
        _sink = sink;
        _relations = relations;
    }

    /// <summary>Includes that apply to the row the selector returns (only when it returns the query's own row).</summary>
    public IncludeNode? RootIncludes { get; init; }

    /// <summary>The shaper's body over the sink's <see cref="IProjectionSink.Input"/>, typed as the selector.</summary>
    public Expression Build(Expression selector)
    {
        var body = new Rewriter(this, selector).Visit(selector)!;
        return body.Type == selector.Type ? body : Expression.Convert(body, selector.Type);
    }

    internal static bool IsScalar(Type type)
    {
        var t = Nullable.GetUnderlyingType(type) ?? type;
        return t.IsPrimitive || t.IsEnum || t == typeof(string) || t == typeof(decimal) || t == typeof(DateTime) || t == typeof(DateTimeOffset)
            || t == typeof(Guid) || t == typeof(DateOnly) || t == typeof(TimeOnly) || t == typeof(byte[]) || (t.IsArray && IsScalar(t.GetElementType()!));
    }

    // A related collection in a projection: the navigation itself, a query over it, or either wrapped in ToList/ToArray.
    private Expression? Collection(Expression node)
    {
        switch (node)
        {
            case MethodCallExpression { Method.Name: nameof(Enumerable.ToList) or nameof(Enumerable.ToArray), Arguments.Count: 1 } call
                when call.Method.DeclaringType == typeof(Enumerable):
            {
                var inner = Collection(call.Arguments[0]);
                if (inner is null)
                {
                    return null;
                }

                // ToArray is the query's own call (its instantiation is compiled with the program); the list read is a List<T> already.
                return call.Method.Name == nameof(Enumerable.ToArray)
                    ? Expression.Call(call.Method, Expression.Convert(inner, call.Method.GetParameters()[0].ParameterType))
                    : Expression.Convert(inner, call.Type);
            }

            case SubqueryExpression subquery when subquery.Model.Operators.All(o => o is TakeOperator or SkipOperator)
                && subquery.Model.From is MemberExpression { Expression: not null } from
                && _translator.ResolveRow(from.Expression) is { } owner
                && owner.Model.FindRelation(from.Member.Name) is { Kind: RelationKind.ToMany } relation:
            {
                var (value, reader) = _relations.Collection(owner, relation, subquery.Model, null, subquery);
                return _sink.Json(value, reader, subquery.Type);
            }

            case MemberExpression { Expression: not null } member when _translator.ResolveRow(member.Expression) is { } owner
                && owner.Model.FindRelation(member.Member.Name) is { Kind: RelationKind.ToMany } relation:
            {
                var (value, reader) = _relations.Collection(owner, relation, null, null, member);
                return _sink.Json(value, reader, member.Type);
            }

            default:
                return null;
        }
    }

    private sealed class Rewriter(ProjectionBuilder builder, Expression root) : ExpressionVisitor
    {
        public override Expression? Visit(Expression? node)
        {
            if (node is null)
            {
                return null;
            }

            // A composite group key selected whole (g.Key of GroupBy(p => new { p.A, p.B })): rebuild it from its parts.
            if (node is MemberExpression { Member.Name: "Key", Expression: QuerySourceExpression reference }
                && builder._context.FindGroup(reference.Source) is { KeySelector: NewExpression or MemberInitExpression } group)
            {
                return Visit(group.KeySelector);
            }

            // A whole row: the query's own, or one reached over a to-one navigation (joined).
            if (builder._context.Model.Find(node.Type) is not null && builder._translator.ResolveRow(node) is { } row)
            {
                return builder._sink.Entity(row, node == root ? builder.RootIncludes : null, builder._relations);
            }

            if (builder.Collection(node) is { } collection)
            {
                return collection;
            }

            // A scalar that SQL can compute is read as one value; anything else is rebuilt around its parts.
            if (IsScalar(node.Type) && node is not ConstantExpression && builder._translator.TryTranslate(node, out var value))
            {
                return builder._sink.Scalar(value!, node.Type);
            }

            return base.Visit(node);
        }

        protected override Expression VisitExtension(Expression node) =>
            throw new QueryTranslationException(node, "this part of the projection cannot be translated.");
    }
}
