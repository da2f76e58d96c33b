using System.Linq.Expressions;
using System.Reflection;
using Linq.Contract;
using Linq.Querying.Expressions;
using Linq.Querying.Expressions.Groups;
using Linq.Querying.Model;
using Linq.Querying.Relations;
using Linq.Sql.Syntax;

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

    /// <summary>Whether values of <paramref name="type"/> are read as one value (not rebuilt from parts).</summary>
    internal static bool IsScalar(Type type)
    {
        var t = Nullable.GetUnderlyingType(type) ?? type;
        return t.IsPrimitive || t.IsEnum || t == typeof(string) || t == typeof(decimal) || t == typeof(DateTime) || t == typeof(DateTimeOffset)
            || t == typeof(Guid) || t == typeof(DateOnly) || t == typeof(TimeOnly) || t == typeof(byte[]) || (t.IsArray && IsScalar(t.GetElementType()!));
    }

    // A related collection in a projection: the navigation itself, a query over it (its rows, or First/Single of them),
    // either wrapped in ToList/ToArray (passed as call).
    private Expression? Collection(Expression node, MethodCallExpression? call = null)
    {
        switch (node)
        {
            case MethodCallExpression { Method.Name: nameof(Enumerable.ToList) or nameof(Enumerable.ToArray), Arguments.Count: 1 } outer
                when outer.Method.DeclaringType == typeof(Enumerable) && call is null:
                return Collection(outer.Arguments[0], outer);

            case SubqueryExpression subquery when subquery.Model.Operators is [] or [.., TakeOperator or SkipOperator or DistinctOperator or FirstOperator or SingleOperator]
                && NestedRows.Relation(_translator, subquery.Model) is { } nested:
            {
                var (owner, relation) = nested;
                var one = subquery.Model.Operators is [.., FirstOperator or SingleOperator];
                if (one && call is not null)
                {
                    return null;
                }

                if (!one && call is null && subquery.Type.IsGenericType && subquery.Type.GetGenericTypeDefinition() == typeof(IOrderedEnumerable<>))
                {
                    throw new QueryTranslationException(subquery, "an ordered related collection needs ToList() or ToArray() to say which collection to make.",
                        "End the nested query with .ToList() or .ToArray().");
                }

                var (value, reader, boxed) = _relations.Nested(owner, relation, subquery.Model, subquery, arrays: _sink is RowSink);
                if (reader is null)
                {
                    // One array of plain values: read as the list or array the query asks for.
                    var asArray = call?.Method.Name == nameof(Enumerable.ToArray);
                    return ((RowSink)_sink).Elements(value, ScalarType.Get(subquery.Model.Selector.Type), asArray);
                }

                if (!boxed)
                {
                    // Read as the list it is (List<T>); the query's own type is asked for by its call, or is the sub-query's.
                    return Typed(_sink.Json(value, reader, call is null || one ? subquery.Type : typeof(System.Collections.IList)), call);
                }

                return ProjectedList.Typed(_sink.Json(value, reader, typeof(List<object?>)), subquery.Model.Selector.Type, subquery.Type, call);
            }

            // A group's values as a list (g.OrderBy(…).Select(x => x.Id).ToList()): one array in the grouped row.
            case SubqueryExpression subquery when call is not null && subquery.Model.Operators is [] && GroupRows.Over(_context, subquery.Model, out var group):
            {
                var (value, element) = GroupTranslator.List(_translator, subquery, group!);
                return Rows(subquery).Elements(value, ScalarType.Get(element), call.Method.Name == nameof(Enumerable.ToArray));
            }

            case MemberExpression { Expression: not null } member when _translator.ResolveRow(member.Expression) is { } owner
                && owner.Model.FindRelation(member.Member.Name) is { Kind: RelationKind.ToMany } relation:
            {
                var (value, reader) = _relations.Collection(owner, relation, null, null, member);
                return Typed(_sink.Json(value, reader, member.Type), call);
            }

            default:
                return null;
        }
    }

    // Values of a group are columns of the grouped row: the query's own projection.
    private RowSink Rows(Expression at) => _sink as RowSink
        ?? throw new QueryTranslationException(at, "a group's elements can be read in the query's own projection only.", "Select them in the projection of the grouped query.");

    // The element of each group (g.OrderBy(…).First(), a member of it): its value, or each column of its row, picked in the
    // group's order; when the group's filter may leave no row, a flag read first says so, and the shaper does what .NET does.
    private Expression Element(GroupElement element, Type type)
    {
        var rows = Rows(element.At);
        Expression read;
        var entity = _context.Model.Find(element.Element.Type) is not null;
        if (entity)
        {
            var row = _translator.ResolveRow(element.Element)
                ?? throw new QueryTranslationException(element.At, "this row cannot be read from a group's element.", "Select its members instead.");
            read = rows.Entity(row.Model, [.. row.Model.Columns.Select(c => element.Pick(new SqlColumnExpression(row.Alias, c.ColumnName)))], row.Optional);
        }
        else
        {
            read = rows.Scalar(new SqlValue(element.Pick(element.Sql(_translator)), true), type);
        }

        read = read.Type == type ? read : Expression.Convert(read, type);
        // FirstOrDefault of a value that can be null: null either way, nothing to tell apart.
        var nullable = !type.IsValueType || Nullable.GetUnderlyingType(type) is not null;
        if (element.Present is not { } present || (element.Empty == EmptySelection.Default && nullable && !entity))
        {
            return read;
        }

        var has = rows.Scalar(new SqlValue(present, false), typeof(bool));
        Expression otherwise = element.Empty switch
        {
            EmptySelection.Default => Expression.Default(type),
            EmptySelection.NoElements => Expression.Throw(Expression.New(NoElementsError, Expression.Constant("Sequence contains no elements")), type),
            _ => Expression.Throw(Expression.New(NullReferenceError), type),
        };
        return Expression.Condition(has, read, otherwise);
    }

    // Taken from expression trees (ldtoken), not looked up by name: NativeAOT keeps them invocable.
    private static readonly ConstructorInfo NoElementsError = ((NewExpression)((Expression<Func<string, Exception>>)(m => new InvalidOperationException(m))).Body).Constructor!;

    private static readonly ConstructorInfo NullReferenceError = ((NewExpression)((Expression<Func<Exception>>)(() => new NullReferenceException())).Body).Constructor!;

    // A list read as List<T> (from generated metadata or the closed table of values) in the type the query asks for. ToArray is the
    // query's own call (its instantiation is compiled with the program).
    private static Expression Typed(Expression list, MethodCallExpression? call) =>
        call is null ? list
        : call.Method.Name == nameof(Enumerable.ToArray) ? Expression.Call(call.Method, Expression.Convert(list, call.Method.GetParameters()[0].ParameterType))
        : Expression.Convert(list, call.Type);

    private sealed class Rewriter(ProjectionBuilder builder, Expression root) : ExpressionVisitor
    {
        public override Expression? Visit(Expression? node)
        {
            if (node is null)
            {
                return null;
            }

            // A composite group key selected whole (g.Key of GroupBy(p => new { p.A, p.B })): rebuild it from its parts,
            // each the very SQL of its GROUP BY item (translated again, a value would be a new parameter, which
            // PostgreSQL does not match with the grouped one).
            if (node is MemberExpression { Member.Name: "Key", Expression: QuerySourceExpression reference }
                && builder._context.FindGroup(reference.Source) is { KeySelector: NewExpression or MemberInitExpression } group)
            {
                Expression Part(Expression part) =>
                    IsScalar(part.Type) ? builder._sink.Scalar(GroupTranslator.KeyPart(builder._translator, group, part), part.Type) : Visit(part)!;
                return group.KeySelector switch
                {
                    NewExpression @new => @new.Update(@new.Arguments.Select(Part)),
                    MemberInitExpression init => init.Update(init.NewExpression,
                        init.Bindings.Select(b => b is MemberAssignment assignment ? assignment.Update(Part(assignment.Expression)) : b)),
                    _ => throw new InvalidOperationException("unreachable"),
                };
            }

            // The element of each group by an ordering (g.OrderBy(…).First()), or a member of it.
            if (node is SubqueryExpression or MemberExpression && GroupElement.Find(builder._translator, node) is { } element)
            {
                return builder.Element(element, node.Type);
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

            // Min, Max or Average of related rows into a non-nullable value: no rows is an error when read, as in LINQ-to-Objects.
            if (node is SubqueryExpression { Model.Operators: [.., AggregateOperator { Function: not AggregateFunction.Sum }] }
                && node.Type.IsValueType && Nullable.GetUnderlyingType(node.Type) is null && builder._translator.TryTranslate(node, out var least))
            {
                return builder._sink.NonEmpty(least!, node.Type);
            }

            // A query over a group that ends in a value: translated as it stands, so a refusal says what a group supports.
            if (node is SubqueryExpression groupQuery && IsScalar(node.Type) && GroupRows.Over(builder._context, groupQuery.Model, out _))
            {
                return builder._sink.Scalar(builder._translator.Translate(node), node.Type);
            }

            // A scalar that SQL can compute is read as one value; anything else is rebuilt around its parts.
            if (IsScalar(node.Type) && node is not ConstantExpression && builder._translator.TryTranslate(node, out var value))
            {
                return builder._sink.Scalar(value!, node.Type);
            }

            return base.Visit(node);
        }

        protected override Expression VisitExtension(Expression node) => node is Caching.QueryParameterExpression
            // A captured value or constant the database has no type for (a TimeSpan, an object): the projection reads
            // every part from the row, and this one cannot travel through SQL.
            ? throw new QueryTranslationException(node, $"a captured value or constant of type '{node.Type.Name}' cannot be sent through SQL to come back in the projection.",
                "Add it after reading: select the row's values, then build the result with LINQ-to-Objects (… .ToListAsync()).Select(x => new { x.Id, Value = value })).")
            : throw new QueryTranslationException(node, "this part of the projection cannot be translated.",
                GroupTranslator.SupportedOnGroup + " A query over a navigation ends in ToList()/ToArray(), First/Single or an aggregate of its own rows.");
    }
}
