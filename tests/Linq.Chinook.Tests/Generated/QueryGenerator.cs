using System.Linq.Expressions;
using System.Reflection;
using Linq.Chinook.Tests.Models;

namespace Linq.Chinook.Tests.Generated;

/// <summary>
/// Random whole queries over one root table: filters, orderings that always end in the root's unique key (so the
/// order is total and a page is well defined), Skip/Take, projections into scalars, anonymous types and a DTO
/// (computed members, navigations, aggregates over collections, nested lists), Distinct, GroupBy with aggregates
/// and HAVING, Include/ThenInclude, and terminal operators.
/// Not generated: orderings by a nullable key (they now sort NULL as LINQ does, NULLS FIRST ascending, covered by the
/// everyday catalogue and the ordering tests; the generator predates that). Not generated, because the two sides
/// legitimately differ: Min/Max over text (.NET compares by culture), a
/// decimal Average not rounded (PostgreSQL divides to at least 16 significant digits, .NET to 28), decimal division.
/// Orderings by text run in memory with <see cref="StringComparer.Ordinal"/>: the test cluster is initialized with
/// the C collation (code point order).
/// </summary>
internal sealed class QueryGenerator(Random rng, FuzzSchema schema)
{
    private static readonly Type[] Anonymous =
    [
        new { A = 0, B = 0 }.GetType().GetGenericTypeDefinition(),
        new { A = 0, B = 0, C = 0 }.GetType().GetGenericTypeDefinition(),
        new { A = 0, B = 0, C = 0, D = 0 }.GetType().GetGenericTypeDefinition(),
    ];

    private static readonly VT[] Projected = [VT.Int, VT.NInt, VT.Long, VT.Dec, VT.NDec, VT.Str, VT.NStr, VT.Date, VT.NDate, VT.Bool];
    private static readonly VT[] Orderable = [VT.Int, VT.Dec, VT.Str, VT.Date, VT.Long];

    private static readonly MethodInfo IncludeMethod = typeof(RelationQueryableExtensions).GetMethods()
        .Single(m => m.Name == nameof(RelationQueryableExtensions.Include) && m.GetParameters().Length == 2);

    private readonly ExpressionGenerator _g = new(rng, schema);

    public GeneratedQuery Next()
    {
        var root = _g.Pick(schema.Roots);
        var source = Expression.Parameter(typeof(IQueryable<>).MakeGenericType(root.Type), "source");
        Expression q = source;
        var wheres = rng.Next(3);
        for (var i = 0; i < wheres; i++)
        {
            q = Q("Where", [root.Type], q, RowLambda(root, p => _g.Predicate([new Scope(p, root)], 2)));
        }

        return _g.Chance(0.25) ? Grouped(root, source, q) : Rows(root, source, q);
    }

    private GeneratedQuery Rows(FuzzEntity root, ParameterExpression source, Expression q)
    {
        var ordered = _g.Chance(0.5);
        if (ordered)
        {
            q = Order(root, q);
            q = Page(q, root.Type);
        }

        string Show(object? v) => Render.Value(v, schema);
        var t = root.Type;
        switch (rng.Next(12))
        {
            case 0 or 1:
                return Entities(root, source, q, ordered);
            case 2 or 3:
            {
                var vt = _g.Pick(Projected);
                q = Q("Select", [t, vt.Clr()], q, RowLambda(root, p => _g.Value(vt, [new Scope(p, root)], 2)));
                if (_g.Chance(0.3))
                {
                    q = Q("Distinct", [vt.Clr()], q);
                    ordered = false;
                }

                if (_g.Chance(0.3))
                {
                    // A terminal operator over the projected values.
                    string[] names = vt is VT.Int or VT.NInt or VT.Dec or VT.NDec or VT.Long
                        ? ["Count", "Any", "Max", "Min", "Sum"]
                        : vt is VT.Str or VT.NStr or VT.Bool ? ["Count", "Any"] : ["Count", "Any", "Max", "Min"];
                    var name = _g.Pick(names);
                    if (ordered && _g.Chance(0.3))
                    {
                        name = _g.Pick(["First", "FirstOrDefault"]);
                    }

                    return new GeneratedQuery(source, Q(name, name == "Sum" ? Type.EmptyTypes : [vt.Clr()], q), true, false, Show);
                }

                return new GeneratedQuery(source, q, false, ordered, Show);
            }

            case 4 or 5:
            {
                var selector = RowLambda(root, p => AnonymousValue(root, p));
                q = Q("Select", [t, selector.ReturnType], q, selector);
                var hasList = selector.ReturnType.GetGenericArguments().Any(a => a.IsGenericType && a.GetGenericTypeDefinition() == typeof(List<>));
                var distinct = _g.Chance(0.25) && !hasList;
                if (distinct)
                {
                    q = Q("Distinct", [selector.ReturnType], q);
                    ordered = false;
                }

                if (_g.Chance(0.3))
                {
                    // Operators over the projection's members: a filter, or an ordering (not total: compared as a multiset).
                    var r = Expression.Parameter(selector.ReturnType, "r");
                    var member = Expression.Property(r, "A");
                    if (_g.Chance(0.5) && member.Type != typeof(bool) && !(member.Type.IsGenericType && member.Type.GetGenericTypeDefinition() == typeof(List<>)))
                    {
                        var vt = Projected.First(v => v.Clr() == member.Type);
                        var test = vt is VT.Str or VT.NStr || !_g.Chance(0.7)
                            ? Expression.NotEqual(member, _g.Literal(_g.Constant(vt), member.Type))
                            : Expression.GreaterThan(member, _g.Literal(_g.Constant(vt), member.Type));
                        q = Q("Where", [selector.ReturnType], q, Expression.Lambda(test, r));
                    }
                    // OrderBy after Distinct over a projection member that holds a value translates the member again: its
                    // placeholder is the same $n (SqlParameterExpression.SharesNumberWhenEqual), as PostgreSQL needs.
                    else if (member.Type != typeof(bool) && !member.Type.IsGenericType)
                    {
                        q = Q(_g.Chance(0.5) ? "OrderBy" : "OrderByDescending", [selector.ReturnType, member.Type], q, Expression.Lambda(member, r));
                        ordered = false;
                    }

                    if (_g.Chance(0.3))
                    {
                        return new GeneratedQuery(source, Q(_g.Pick(["Count", "Any"]), [selector.ReturnType], q), true, false, Show);
                    }
                }

                return new GeneratedQuery(source, q, false, ordered, Show);
            }

            case 6:
            {
                var selector = RowLambda(root, p => Dto(kind => _g.Value(kind, [new Scope(p, root)], 2)));
                return new GeneratedQuery(source, Q("Select", [t, typeof(FuzzRow)], q, selector), false, ordered, Show);
            }

            case 7:
            {
                var name = _g.Pick(["Count", "LongCount", "Any", "All"]);
                var body = name == "All" || _g.Chance(0.5)
                    ? Q(name, [t], q, RowLambda(root, p => _g.Predicate([new Scope(p, root)], 2)))
                    : Q(name, [t], q);
                return new GeneratedQuery(source, body, true, false, Show);
            }

            case 8:
            {
                if (!ordered)
                {
                    q = Order(root, q);
                }

                var name = _g.Pick(["First", "FirstOrDefault"]);
                var body = _g.Chance(0.5) ? Q(name, [t], q, RowLambda(root, p => _g.Predicate([new Scope(p, root)], 2))) : Q(name, [t], q);
                return new GeneratedQuery(source, body, true, false, Show);
            }

            default:
            {
                var name = _g.Pick(["Sum", "Min", "Max", "Average"]);
                VT[] kinds = name switch
                {
                    "Sum" => [VT.Int, VT.NInt, VT.Long, VT.Dec, VT.NDec],
                    "Average" => [VT.Int, VT.NInt, VT.Dec],
                    _ => [VT.Int, VT.NInt, VT.Dec, VT.Date, VT.NDate],
                };
                var vt = _g.Pick(kinds);
                var selector = RowLambda(root, p => _g.Value(vt, [new Scope(p, root)], 2));
                Expression body = name is "Min" or "Max" ? Q(name, [t, vt.Clr()], q, selector) : Q(name, [t], q, selector);
                if (name == "Average" && vt == VT.Dec)
                {
                    // PostgreSQL's avg(numeric) divides to at least 16 significant digits, .NET's decimal to 28
                    // (docs/queries.md, decimal division): compared to 12 decimal places.
                    return new GeneratedQuery(source, body, true, false, v => v is decimal d ? Render.Value(Math.Round(d, 12), schema) : Show(v));
                }

                return new GeneratedQuery(source, body, true, false, Show);
            }
        }
    }

    /// <summary>The rows themselves, half the time with an Include (and a ThenInclude) whose loaded rows are compared too.</summary>
    private GeneratedQuery Entities(FuzzEntity root, ParameterExpression source, Expression q, bool ordered)
    {
        var paths = new List<(Func<object, object?> First, Func<object, object?>? Then)>();
        if (_g.Chance(0.5) && (root.Ones.Count > 0 || root.Manys.Count > 0))
        {
            LambdaExpression nav;
            FuzzEntity target;
            Func<object, object?> read;
            if (root.Manys.Count > 0 && (root.Ones.Count == 0 || _g.Chance(0.5)))
            {
                var many = _g.Pick(root.Manys);
                (nav, target, read) = (many.Items, many.Element, FuzzEntity.Read(many.Items));
            }
            else
            {
                var one = _g.Pick(root.Ones);
                (nav, target, read) = (one.Nav, one.Target, FuzzEntity.Read(one.Nav));
            }

            q = Expression.Call(IncludeMethod.MakeGenericMethod(root.Type, nav.ReturnType), q, Expression.Quote(nav));
            Func<object, object?>? then = null;
            if (target.Ones.Count > 0 && _g.Chance(0.5))
            {
                var next = _g.Pick(target.Ones);
                var thenMethod = typeof(RelationQueryableExtensions).GetMethods().Single(m => m.Name == nameof(RelationQueryableExtensions.ThenInclude)
                    && m.GetParameters().Length == 2 && m.GetParameters()[0].ParameterType.GetGenericArguments()[1].IsGenericParameter == (nav.ReturnType.IsGenericType == false));
                q = Expression.Call(thenMethod.MakeGenericMethod(root.Type, target.Type, next.Nav.ReturnType), q, Expression.Quote(next.Nav));
                then = FuzzEntity.Read(next.Nav);
            }

            paths.Add((read, then));
        }

        string Show(object? row)
        {
            var text = Render.Value(row, schema);
            foreach (var (first, then) in paths)
            {
                var loaded = first(row!);
                IEnumerable<object?> items = loaded is System.Collections.IEnumerable list ? list.Cast<object?>() : [loaded];
                text += " | " + string.Join(",", items.Select(i => Render.Value(i, schema) + (then is null || i is null ? "" : ">" + Render.Value(then(i), schema)))
                    .Order(StringComparer.Ordinal));
            }

            return text;
        }

        return new GeneratedQuery(source, q, false, ordered, Show);
    }

    private GeneratedQuery Grouped(FuzzEntity root, ParameterExpression source, Expression q)
    {
        string Show(object? v) => Render.Value(v, schema);
        var t = root.Type;
        var keyKind = _g.Pick([VT.Int, VT.NInt, VT.Str, VT.NStr, VT.Dec, VT.Bool]);
        var composite = _g.Chance(0.3);
        var key = RowLambda(root, p =>
        {
            var first = _g.Value(keyKind, [new Scope(p, root)], 1);
            if (!composite)
            {
                return first;
            }

            var second = _g.Value(_g.Pick([VT.Int, VT.NStr, VT.Date]), [new Scope(p, root)], 1);
            var type = Anonymous[0].MakeGenericType(first.Type, second.Type);
            var ctor = type.GetConstructors().Single();
            return Expression.New(ctor, [first, second], ctor.GetParameters().Select(pp => (MemberInfo)type.GetProperty(pp.Name!)!));
        });
        var groupType = typeof(IGrouping<,>).MakeGenericType(key.ReturnType, t);
        q = Q("GroupBy", [t, key.ReturnType], q, key);
        if (_g.Chance(0.4))
        {
            var g = Expression.Parameter(groupType, "g");
            var aggregate = Aggregate(root, g, having: true);
            var threshold = aggregate.Type == typeof(int) ? (object)(1 + rng.Next(5)) : aggregate.Type == typeof(decimal) ? (object)(decimal)rng.Next(1, 60) : null;
            if (threshold is not null)
            {
                q = Q("Where", [groupType], q, Expression.Lambda(Expression.GreaterThan(aggregate, _g.Literal(threshold, aggregate.Type)), g));
            }
        }

        if (_g.Chance(0.1))
        {
            return new GeneratedQuery(source, Q("Count", [groupType], q), true, false, Show);
        }

        var gp = Expression.Parameter(groupType, "g");
        var members = new List<Expression> { composite && _g.Chance(0.5) ? Expression.Property(Expression.Property(gp, "Key"), "B") : Expression.Property(gp, "Key") };
        var count = 1 + rng.Next(3);
        for (var i = 0; i < count; i++)
        {
            members.Add(Aggregate(root, gp, having: false));
        }

        var anonymous = Anonymous[members.Count - 2].MakeGenericType([.. members.Select(m => m.Type)]);
        var ctor = anonymous.GetConstructors().Single();
        var selector = Expression.Lambda(Expression.New(ctor, members, ctor.GetParameters().Select(pp => (MemberInfo)anonymous.GetProperty(pp.Name!)!)), gp);
        q = Q("Select", [groupType, anonymous], q, selector);
        var ordered = false;
        if (!keyKind.Nullable() && !composite && keyKind != VT.Bool && _g.Chance(0.4))
        {
            // The key is unique among groups: a total order.
            var r = Expression.Parameter(anonymous, "r");
            q = Q(_g.Chance(0.5) ? "OrderBy" : "OrderByDescending", [anonymous, key.ReturnType], q, Expression.Lambda(Expression.Property(r, "A"), r));
            if (_g.Chance(0.5))
            {
                q = Q("Take", [anonymous], q, _g.Literal(1 + rng.Next(10), typeof(int)));
            }

            ordered = true;
        }

        return new GeneratedQuery(source, q, false, ordered, Show);
    }

    /// <summary>An aggregate of a group's rows: Count (filtered), LongCount, Sum, Min, Max, Average.</summary>
    private Expression Aggregate(FuzzEntity root, ParameterExpression g, bool having)
    {
        var t = root.Type;
        var x = Expression.Parameter(t, "x");
        var env = new[] { new Scope(x, root) };
        switch (rng.Next(having ? 4 : 7))
        {
            case 0:
                return ExpressionGenerator.Call(typeof(Enumerable), "Count", [t], g);
            case 1:
                return ExpressionGenerator.Call(typeof(Enumerable), "Count", [t], g, Expression.Lambda(_g.Predicate(env, 1), x));
            case 2:
            case 3:
            {
                var vt = _g.Pick([VT.Dec, VT.Int, VT.NDec]);
                return ExpressionGenerator.Call(typeof(Enumerable), "Sum", [t], g, Expression.Lambda(_g.Value(vt, env, 1), x));
            }

            case 4:
                return ExpressionGenerator.Call(typeof(Enumerable), "LongCount", [t], g);
            case 5:
            {
                var vt = _g.Pick([VT.Int, VT.Dec, VT.Date, VT.NInt]);
                var sel = Expression.Lambda(_g.Value(vt, env, 1), x);
                return ExpressionGenerator.Call(typeof(Enumerable), _g.Chance(0.5) ? "Min" : "Max", [t, vt.Clr()], g, sel);
            }

            default:
            {
                var vt = _g.Pick([VT.Int, VT.Dec, VT.NInt]);
                var average = ExpressionGenerator.Call(typeof(Enumerable), "Average", [t], g, Expression.Lambda(_g.Value(vt, env, 1), x));
                return vt == VT.Dec ? Rounded(average) : average;
            }
        }
    }

    /// <summary>
    /// A decimal average rounded to 8 places in the query: PostgreSQL's numeric division keeps at least 16 significant
    /// digits, .NET's decimal 28 (docs/queries.md), so only a rounded average can be compared exactly.
    /// </summary>
    private Expression Rounded(Expression average) =>
        Expression.Call(typeof(Math).GetMethod(nameof(Math.Round), [typeof(decimal), typeof(int)])!, average, _g.Literal(8, typeof(int)));

    private Expression AnonymousValue(FuzzEntity root, ParameterExpression p)
    {
        var env = new[] { new Scope(p, root) };
        var count = 2 + rng.Next(3);
        var members = new List<Expression>();
        for (var i = 0; i < count; i++)
        {
            if (root.Manys.Count > 0 && _g.Chance(0.1))
            {
                members.Add(NestedList(root, p));
                continue;
            }

            members.Add(_g.Value(_g.Pick(Projected), env, 2));
        }

        var type = Anonymous[count - 2].MakeGenericType([.. members.Select(m => m.Type)]);
        var ctor = type.GetConstructors().Single();
        return Expression.New(ctor, members, ctor.GetParameters().Select(pp => (MemberInfo)type.GetProperty(pp.Name!)!));
    }

    /// <summary><c>x.Items.Where(…).Select(i => value).ToList()</c>: a nested query in the projection (compared as a multiset).</summary>
    private Expression NestedList(FuzzEntity root, ParameterExpression p)
    {
        var many = _g.Pick(root.Manys);
        Expression items = Expressions.Inline(many.Items, p);
        var e = many.Element.Type;
        if (_g.Chance(0.6))
        {
            items = ExpressionGenerator.Call(typeof(Enumerable), "Where", [e], items, _g.InnerLambda(many, [new Scope(p, root)], 2));
        }

        var vt = _g.Pick([VT.Int, VT.Str, VT.Dec, VT.NInt]);
        var y = Expression.Parameter(e, "n");
        var selected = ExpressionGenerator.Call(typeof(Enumerable), "Select", [e, vt.Clr()], items, Expression.Lambda(_g.Value(vt, [new Scope(y, many.Element)], 1), y));
        return ExpressionGenerator.Call(typeof(Enumerable), "ToList", [vt.Clr()], selected);
    }

    /// <summary><c>new FuzzRow { … }</c> with a random subset of its members.</summary>
    private Expression Dto(Func<VT, Expression> value)
    {
        (string Member, VT Kind)[] all =
        [
            ("I0", VT.Int), ("I1", VT.Int), ("N0", VT.NInt), ("L0", VT.Long), ("NL0", VT.NLong), ("D0", VT.Dec), ("ND0", VT.NDec),
            ("S0", VT.Str), ("S1", VT.NStr), ("T0", VT.Date), ("NT0", VT.NDate), ("B0", VT.Bool),
        ];
        var bindings = all.Where((_, i) => i == 0 || _g.Chance(0.6))
            .Select(m => (MemberBinding)Expression.Bind(typeof(FuzzRow).GetProperty(m.Member)!, value(m.Kind))).ToList();
        return Expression.MemberInit(Expression.New(typeof(FuzzRow)), bindings);
    }

    /// <summary>OrderBy/ThenBy over 0–2 generated non-null keys, then the root's unique key.</summary>
    private Expression Order(FuzzEntity root, Expression q)
    {
        var t = root.Type;
        var keys = new List<LambdaExpression>();
        var extra = rng.Next(3);
        for (var i = 0; i < extra; i++)
        {
            var vt = _g.Pick(Orderable);
            keys.Add(RowLambda(root, p => _g.Value(vt, [new Scope(p, root)], 1)));
        }

        keys.AddRange(root.Keys);
        for (var i = 0; i < keys.Count; i++)
        {
            var descending = _g.Chance(0.4);
            var name = (i == 0 ? "OrderBy" : "ThenBy") + (descending ? "Descending" : "");
            q = Q(name, [t, keys[i].ReturnType], q, keys[i]);
        }

        return q;
    }

    private Expression Page(Expression q, Type t)
    {
        if (_g.Chance(0.4))
        {
            q = Q("Skip", [t], q, _g.Literal(rng.Next(0, 40), typeof(int)));
        }

        if (_g.Chance(0.5))
        {
            q = Q("Take", [t], q, _g.Literal(rng.Next(1, 25), typeof(int)));
        }

        return q;
    }

    private static LambdaExpression RowLambda(FuzzEntity root, Func<ParameterExpression, Expression> body)
    {
        var p = Expression.Parameter(root.Type, char.ToLowerInvariant(root.Type.Name[0]).ToString());
        return Expression.Lambda(body(p), p);
    }

    /// <summary>A <see cref="Queryable"/> operator; lambdas are quoted, as the compiler writes them.</summary>
    private static MethodCallExpression Q(string name, Type[] typeArguments, params Expression[] arguments) =>
        Expression.Call(typeof(Queryable), name, typeArguments, [.. arguments.Select(a => a is LambdaExpression l ? Expression.Quote(l) : a)]);
}
