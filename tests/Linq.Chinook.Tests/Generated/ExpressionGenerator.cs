using System.Linq.Expressions;
using System.Reflection;

namespace Linq.Chinook.Tests.Generated;

/// <summary>An expression of some model in scope (a lambda's parameter, or a guarded navigation from one).</summary>
internal sealed record Scope(Expression Expr, FuzzEntity Entity);

/// <summary>A captured variable, as C# closures capture: the query reads a field of a constant object.</summary>
internal sealed class Box<T>(T value)
{
    public T Value = value;
}

/// <summary>
/// Random predicates and values over the Chinook models whose LINQ-to-Objects meaning is defined for every row:
/// navigations that can be missing are guarded (<c>x.Nav != null &amp;&amp; …</c>, <c>x.Nav != null ? … : null</c>)
/// and methods are called on non-null text only, as C# code must write them (SQL would give NULL where memory throws).
/// Constants are mostly sampled from the data by running the other side of the comparison on a random row, so
/// predicates select some rows and not others.
/// </summary>
internal sealed class ExpressionGenerator(Random rng, FuzzSchema schema)
{
    private static readonly VT[] Compared = [VT.Int, VT.NInt, VT.Long, VT.Dec, VT.NDec, VT.Date, VT.NDate, VT.Str, VT.NStr];

    private static readonly ParameterExpression Row = Expression.Parameter(typeof(object), "row");

    public Random Rng => rng;

    public T Pick<T>(IReadOnlyList<T> items) => items[rng.Next(items.Count)];

    public bool Chance(double p) => rng.NextDouble() < p;

    // ---------------------------------------------------------------- predicates

    public Expression Predicate(IReadOnlyList<Scope> env, int depth)
    {
        var scope = Inner(env);
        while (true)
        {
            switch (rng.Next(depth > 0 ? 11 : 6))
            {
                case 0 or 1:
                    return Comparison(env, depth);
                case 2:
                    if (StringPredicate(env, depth) is { } s)
                    {
                        return s;
                    }

                    break;
                case 3:
                    if (NullTest(env, depth) is { } n)
                    {
                        return n;
                    }

                    break;
                case 4:
                    if (ContainsPredicate(env, depth) is { } c)
                    {
                        return c;
                    }

                    break;
                case 5:
                    return Comparison(env, 0);
                case 6:
                    if (scope.Entity.Ones.Count > 0)
                    {
                        return NavigationPredicate(scope, env, depth);
                    }

                    break;
                case 7:
                    if (scope.Entity.Manys.Count > 0)
                    {
                        return CollectionPredicate(scope, env, depth);
                    }

                    break;
                case 8:
                    return Expression.AndAlso(Predicate(env, depth - 1), Predicate(env, depth - 1));
                case 9:
                    return Expression.OrElse(Predicate(env, depth - 1), Predicate(env, depth - 1));
                default:
                    return Expression.Not(Predicate(env, depth - 1));
            }
        }
    }

    private Expression Comparison(IReadOnlyList<Scope> env, int depth)
    {
        var vt = Pick(Compared);
        var left = (Chance(0.4) ? Leaf(vt, env) : null) ?? Value(vt, env, depth);
        Expression right;
        if (Chance(0.65) && Sample(left) is var (found, value) && found)
        {
            right = Literal(value, vt.Clr());
        }
        else if (vt.Nullable() && Chance(0.3))
        {
            right = Literal(null, vt.Clr());
        }
        else
        {
            right = Value(Chance(0.5) ? vt : vt.Unlifted(), env, depth - 1);
            if (right.Type != left.Type)
            {
                right = Expression.Convert(right, left.Type);
            }
        }

        if (vt is VT.Str or VT.NStr)
        {
            // C# has no < on strings (CompareOrdinal is covered by its own tests): equality only.
            return Chance(0.5) ? Expression.Equal(left, right) : Expression.NotEqual(left, right);
        }

        return rng.Next(6) switch
        {
            0 => Expression.Equal(left, right),
            1 => Expression.NotEqual(left, right),
            2 => Expression.LessThan(left, right),
            3 => Expression.LessThanOrEqual(left, right),
            4 => Expression.GreaterThan(left, right),
            _ => Expression.GreaterThanOrEqual(left, right),
        };
    }

    private Expression? StringPredicate(IReadOnlyList<Scope> env, int depth)
    {
        if (Chance(0.2))
        {
            var nullable = Value(VT.NStr, env, depth - 1);
            return Call(typeof(string), rng.Next(2) == 0 ? nameof(string.IsNullOrEmpty) : nameof(string.IsNullOrWhiteSpace), nullable);
        }

        var s = Value(VT.Str, env, depth - 1);
        if (Sample(s) is not (true, string text))
        {
            return null;
        }

        if (Chance(0.25))
        {
            var length = Expression.Property(s, nameof(string.Length));
            return Expression.GreaterThan(length, Literal(text.Length - rng.Next(3), typeof(int)));
        }

        var needle = rng.Next(3) switch
        {
            0 => text[..Math.Min(text.Length, 1 + rng.Next(4))],
            1 => text[Math.Max(0, text.Length - 1 - rng.Next(4))..],
            _ => text.Length > 2 && rng.Next(text.Length - 1) is var at ? text.Substring(at, Math.Min(2 + rng.Next(3), text.Length - at)) : text,
        };
        var method = Pick([nameof(string.StartsWith), nameof(string.EndsWith), nameof(string.Contains)]);

        // Case mapping only with ASCII needles: .NET's ToLower/ToUpper map every Unicode letter by the current culture,
        // PostgreSQL's lower()/upper() by the database's LC_CTYPE; on ASCII letters both agree, and an ASCII needle
        // can only match ASCII letters.
        if (needle.All(char.IsAscii) && Chance(0.3))
        {
            var upper = Chance(0.5);
            s = Expression.Call(s, upper ? nameof(string.ToUpper) : nameof(string.ToLower), Type.EmptyTypes);
            needle = upper ? needle.ToUpperInvariant() : needle.ToLowerInvariant();
        }
        else if (needle.All(char.IsAscii) && Chance(0.2))
        {
            var flipped = new string(needle.Select(c => char.IsUpper(c) ? char.ToLowerInvariant(c) : char.ToUpperInvariant(c)).ToArray());
            return Expression.Call(s, typeof(string).GetMethod(method, [typeof(string), typeof(StringComparison)])!, Literal(flipped, typeof(string)),
                Expression.Constant(StringComparison.OrdinalIgnoreCase));
        }

        return Expression.Call(s, typeof(string).GetMethod(method, [typeof(string)])!, Literal(needle, typeof(string)));
    }

    private Expression? NullTest(IReadOnlyList<Scope> env, int depth)
    {
        var vt = Pick([VT.NInt, VT.NStr, VT.NDate, VT.NDec]);
        var value = Value(vt, env, depth - 1);
        if (Chance(0.4))
        {
            // Two nullable values of one kind compared with each other (null == null is true in C#).
            var other = Value(vt, env, depth - 1);
            return Chance(0.5) ? Expression.Equal(value, other) : Expression.NotEqual(value, other);
        }

        var none = Expression.Constant(null, value.Type);
        return Chance(0.5) ? Expression.Equal(value, none) : Expression.NotEqual(value, none);
    }

    private Expression? ContainsPredicate(IReadOnlyList<Scope> env, int depth)
    {
        var vt = Pick([VT.Int, VT.NInt, VT.Str, VT.NStr, VT.Dec]);
        var value = Value(vt, env, depth - 1);
        var samples = Enumerable.Range(0, 1 + rng.Next(4)).Select(_ => Sample(value)).Where(s => s.Found).Select(s => s.Value).ToList();
        if (vt.Nullable() && Chance(0.3))
        {
            samples.Add(null);
        }

        if (samples.Count == 0)
        {
            return null;
        }

        var type = value.Type;
        var array = Array.CreateInstance(type, samples.Count);
        for (var i = 0; i < samples.Count; i++)
        {
            array.SetValue(samples[i], i);
        }

        object list = array;
        if (Chance(0.5))
        {
            list = Activator.CreateInstance(typeof(List<>).MakeGenericType(type), array)!;
        }

        var captured = Literal(list, list.GetType());
        var contains = typeof(Enumerable).GetMethods().Single(m => m.Name == nameof(Enumerable.Contains) && m.GetParameters().Length == 2).MakeGenericMethod(type);
        return Expression.Call(contains, captured, value);
    }

    private Expression NavigationPredicate(Scope scope, IReadOnlyList<Scope> env, int depth)
    {
        var one = Pick(scope.Entity.Ones);
        var nav = Expressions.Inline(one.Nav, scope.Expr);
        if (Chance(0.15))
        {
            return Expression.Equal(nav, Expression.Constant(null, nav.Type));
        }

        var inner = Predicate([.. env, new Scope(nav, one.Target)], depth - 1);
        if (!one.HasNulls)
        {
            return inner;
        }

        var present = Expression.NotEqual(nav, Expression.Constant(null, nav.Type));
        return Chance(0.5) ? Expression.AndAlso(present, inner) : Expression.OrElse(Expression.Not(present), inner);
    }

    private Expression CollectionPredicate(Scope scope, IReadOnlyList<Scope> env, int depth)
    {
        var many = Pick(scope.Entity.Manys);
        var items = Expressions.Inline(many.Items, scope.Expr);
        var element = many.Element.Type;
        switch (rng.Next(5))
        {
            case 0:
                return Call(typeof(Enumerable), nameof(Enumerable.Any), [element], items);
            case 1:
                return Call(typeof(Enumerable), nameof(Enumerable.Any), [element], items, InnerLambda(many, env, depth));
            case 2:
                return Call(typeof(Enumerable), nameof(Enumerable.All), [element], items, InnerLambda(many, env, depth));
            default:
                var count = rng.Next(2) == 0
                    ? Call(typeof(Enumerable), nameof(Enumerable.Count), [element], items)
                    : Call(typeof(Enumerable), nameof(Enumerable.Count), [element], items, InnerLambda(many, env, depth));
                var threshold = Sample(count) is (true, int n) ? n : rng.Next(5);
                return rng.Next(3) switch
                {
                    0 => Expression.GreaterThanOrEqual(count, Literal(threshold, typeof(int))),
                    1 => Expression.LessThan(count, Literal(threshold, typeof(int))),
                    _ => Expression.Equal(count, Literal(threshold, typeof(int))),
                };
        }
    }

    /// <summary>A predicate over a collection's element; it may read the enclosing scopes too (a correlated condition).</summary>
    public LambdaExpression InnerLambda(FuzzMany many, IReadOnlyList<Scope> env, int depth)
    {
        var p = Expression.Parameter(many.Element.Type, "x" + env.Count);
        return Expression.Lambda(Predicate([.. env, new Scope(p, many.Element)], Math.Max(0, depth - 1)), p);
    }

    // ---------------------------------------------------------------- values

    /// <summary>A value of kind <paramref name="vt"/>, defined in memory for every row of the scopes.</summary>
    public Expression Value(VT vt, IReadOnlyList<Scope> env, int depth)
    {
        for (var attempt = 0; ; attempt++)
        {
            var result = attempt > 20 ? Leaf(vt, env) ?? Literal(Constant(vt), vt.Clr()) : TryValue(vt, env, depth);
            if (result is not null)
            {
                return result;
            }
        }
    }

    private Expression? TryValue(VT vt, IReadOnlyList<Scope> env, int depth)
    {
        if (vt == VT.Bool)
        {
            // A predicate as a value (projected, compared): SQL's NULL from a nullable comparison must read as C#'s false.
            return Predicate(env, Math.Max(0, depth - 1));
        }

        var scope = Inner(env);
        var choice = depth > 0 ? rng.Next(12) : rng.Next(8) == 3 ? 3 : 0;
        switch (choice)
        {
            case 0 or 1 or 2 or 8 or 9 or 10 or 11:
                return Leaf(vt, env);
            case 3:
                return Chance(0.3) ? Literal(Constant(vt), vt.Clr()) : Leaf(vt, env);
            case 4 or 5:
                if (scope.Entity.Ones.Count > 0)
                {
                    var one = Pick(scope.Entity.Ones);
                    var nav = Expressions.Inline(one.Nav, scope.Expr);
                    if (!one.HasNulls)
                    {
                        return Value(vt, [new Scope(nav, one.Target)], depth - 1);
                    }

                    // nav != null ? value : null (or a fallback for a non-nullable kind): defined for the rows without one.
                    var inner = Value(vt, [new Scope(nav, one.Target)], depth - 1);
                    var fallback = vt.Nullable() ? Expression.Constant(null, inner.Type) : Literal(Constant(vt), vt.Clr());
                    return Expression.Condition(Expression.NotEqual(nav, Expression.Constant(null, nav.Type)), inner, fallback);
                }

                return null;
            case 6:
                return Expression.Condition(Predicate(env, depth - 1), Value(vt, env, depth - 1), Value(vt, env, depth - 1));
            case 7:
                if (!vt.Nullable() && vt != VT.Dbl && vt != VT.Bool)
                {
                    return Expression.Coalesce(Value(vt.Lifted(), env, depth - 1), Value(vt, env, 0));
                }

                return Lift(Value(vt.Unlifted(), env, depth - 1), vt);
            default:
                return Computed(vt, scope, env, depth);
        }
    }

    private Expression? Computed(VT vt, Scope scope, IReadOnlyList<Scope> env, int depth)
    {
        switch (vt)
        {
            case VT.Int:
                switch (rng.Next(7))
                {
                    case 5:
                        return Expression.Call(typeof(Math).GetMethod(nameof(Math.Abs), [typeof(int)])!, Expression.Subtract(Value(VT.Int, env, 0), Literal(rng.Next(0, 300_000), typeof(int))));
                    case 6:
                        return Expression.Call(typeof(Math).GetMethod(Chance(0.5) ? nameof(Math.Max) : nameof(Math.Min), [typeof(int), typeof(int)])!, Value(VT.Int, env, 0), Value(VT.Int, env, 0));
                    case 0:
                        return Arithmetic(VT.Int, env);
                    case 1:
                        return Expression.Property(Value(VT.Str, env, depth - 1), nameof(string.Length));
                    case 2:
                        return Expression.Property(Value(VT.Date, env, depth - 1), Pick([nameof(DateTime.Year), nameof(DateTime.Month), nameof(DateTime.Day), nameof(DateTime.DayOfYear)]));
                    case 3:
                        if (scope.Entity.Manys.Count > 0)
                        {
                            var many = Pick(scope.Entity.Manys);
                            var items = Expressions.Inline(many.Items, scope.Expr);
                            return Chance(0.5)
                                ? Call(typeof(Enumerable), nameof(Enumerable.Count), [many.Element.Type], items)
                                : Call(typeof(Enumerable), nameof(Enumerable.Count), [many.Element.Type], items, InnerLambda(many, env, depth - 1));
                        }

                        return null;
                    default:
                        // An explicit conversion of a decimal truncates toward zero in .NET.
                        return Expression.Convert(Value(VT.Dec, env, depth - 1), typeof(int));
                }

            case VT.NInt or VT.NDec:
                if (scope.Entity.Manys.Count > 0 && Chance(0.6))
                {
                    // Max/Min of the lifted selector: null over an empty collection, as in .NET.
                    var many = Pick(scope.Entity.Manys);
                    var items = Expressions.Inline(many.Items, scope.Expr);
                    var p = Expression.Parameter(many.Element.Type, "y" + env.Count);
                    var selector = Expression.Lambda(Lift(Value(vt.Unlifted(), [.. env, new Scope(p, many.Element)], 0), vt), p);
                    return Call(typeof(Enumerable), Chance(0.5) ? nameof(Enumerable.Max) : nameof(Enumerable.Min), [many.Element.Type], items, selector);
                }

                return Expression.Add(Value(vt, env, 0), Lift(Value(vt.Unlifted(), env, 0), vt));
            case VT.Long:
                return Expression.Multiply(Expression.Convert(Value(VT.Int, env, depth - 1), typeof(long)), Literal((long)rng.Next(1, 1000), typeof(long)));
            case VT.Dec:
                switch (rng.Next(6))
                {
                    case 4:
                        return Expression.Call(typeof(Math).GetMethod(nameof(Math.Round), [typeof(decimal), typeof(int)])!, Arithmetic(VT.Dec, env) ?? Value(VT.Dec, env, 0), Literal(rng.Next(0, 3), typeof(int)));
                    case 5:
                        return Expression.Call(typeof(Math).GetMethod(Chance(0.5) ? nameof(Math.Floor) : nameof(Math.Ceiling), [typeof(decimal)])!, Arithmetic(VT.Dec, env) ?? Value(VT.Dec, env, 0));
                    case 0:
                        return Arithmetic(VT.Dec, env);
                    case 1:
                        return Expression.Convert(Value(VT.Int, env, 0), typeof(decimal));
                    case 2:
                        if (scope.Entity.Manys.Count > 0)
                        {
                            var many = Pick(scope.Entity.Manys);
                            var items = Expressions.Inline(many.Items, scope.Expr);
                            var p = Expression.Parameter(many.Element.Type, "y" + env.Count);
                            var selector = Expression.Lambda(Value(VT.Dec, [.. env, new Scope(p, many.Element)], 0), p);
                            return Call(typeof(Enumerable), nameof(Enumerable.Sum), [many.Element.Type], items, selector);
                        }

                        return null;
                    default:
                        return Expression.Multiply(Value(VT.Dec, env, 0), Expression.Convert(Value(VT.Int, env, 0), typeof(decimal)));
                }

            case VT.Str:
                switch (rng.Next(4))
                {
                    case 0:
                        return Expression.Call(typeof(string).GetMethod(nameof(string.Concat), [typeof(string), typeof(string)])!,
                            Value(Chance(0.5) ? VT.Str : VT.NStr, env, depth - 1), Value(Chance(0.5) ? VT.Str : VT.NStr, env, 0));
                    case 1:
                        // Trim only where the text has no whitespace but spaces at its ends (.NET trims every Unicode space, PostgreSQL's trim spaces).
                        return Expression.Call(Value(VT.Str, env, depth - 1), nameof(string.Trim), Type.EmptyTypes);
                    case 2:
                    {
                        // Guarded as C# must: Substring past the end throws in .NET (and fails the statement in SQL).
                        var s = Value(VT.Str, env, 0);
                        var start = rng.Next(3);
                        var length = 1 + rng.Next(5);
                        var cut = Expression.Call(s, nameof(string.Substring), Type.EmptyTypes, Literal(start, typeof(int)), Literal(length, typeof(int)));
                        return Expression.Condition(Expression.GreaterThanOrEqual(Expression.Property(s, nameof(string.Length)), Expression.Constant(start + length)), cut, s);
                    }

                    default:
                    {
                        var s = Value(VT.Str, env, 0);
                        var start = rng.Next(4);
                        var cut = Expression.Call(s, nameof(string.Substring), Type.EmptyTypes, Literal(start, typeof(int)));
                        return Expression.Condition(Expression.GreaterThanOrEqual(Expression.Property(s, nameof(string.Length)), Expression.Constant(start)), cut, Expression.Constant(""));
                    }
                }

            case VT.Date:
                if (Chance(0.25))
                {
                    return Expression.Property(Value(VT.Date, env, 0), nameof(DateTime.Date));
                }

                return Chance(0.5)
                    ? Expression.Call(Value(VT.Date, env, 0), nameof(DateTime.AddDays), Type.EmptyTypes, Literal((double)rng.Next(-400, 400), typeof(double)))
                    : Expression.Call(Value(VT.Date, env, 0), nameof(DateTime.AddMonths), Type.EmptyTypes, Literal(rng.Next(-30, 30), typeof(int)));
            default:
                return null;
        }
    }

    /// <summary>Integer or decimal arithmetic on columns and small constants, kept far from overflow (.NET wraps int, PostgreSQL raises).</summary>
    private Expression? Arithmetic(VT vt, IReadOnlyList<Scope> env)
    {
        var scope = Inner(env);
        var columns = scope.Entity.Columns.Where(c => c.Kind == vt).ToList();
        if (columns.Count == 0)
        {
            return null;
        }

        var column = Pick(columns);
        var a = Expressions.Inline(column.Get, scope.Expr);
        if (vt == VT.Int)
        {
            var k = rng.Next(1, 7);
            return rng.Next(5) switch
            {
                0 when column.MaxAbs * k < int.MaxValue / 2 => Expression.Multiply(a, Literal(k, typeof(int))),
                1 => Expression.Divide(a, Literal(k, typeof(int))),
                2 => Expression.Modulo(a, Literal(k + 1, typeof(int))),
                3 => Expression.Subtract(a, Literal(rng.Next(1000), typeof(int))),
                _ => Expression.Add(a, Leaf(VT.Int, [scope]) is { } b && columns.Count > 0 ? b : Literal(k, typeof(int))),
            };
        }

        return rng.Next(3) switch
        {
            0 => Expression.Multiply(a, Literal(Pick([2m, 0.5m, 1.25m, 3m]), typeof(decimal))),
            1 => Expression.Subtract(a, Literal(Pick([0.99m, 1m, 0.01m]), typeof(decimal))),
            _ => Expression.Add(a, Leaf(VT.Dec, [scope]) ?? Literal(1.5m, typeof(decimal))),
        };
    }

    /// <summary>A column of the kind from a scope (or of the unlifted kind, lifted), or null when none has one.</summary>
    public Expression? Leaf(VT vt, IReadOnlyList<Scope> env)
    {
        var scope = Inner(env);
        var columns = scope.Entity.Columns.Where(c => c.Kind == vt || c.Kind.Lifted() == vt).ToList();
        if (vt == VT.Long)
        {
            return Leaf(VT.Int, env) is { } i ? Expression.Convert(i, typeof(long)) : null;
        }

        if (vt == VT.NLong)
        {
            return Leaf(VT.NInt, env) is { } i ? Expression.Convert(i, typeof(long?)) : null;
        }

        if (columns.Count == 0)
        {
            return null;
        }

        var column = Pick(columns);
        var value = Expressions.Inline(column.Get, scope.Expr);

        // A nullable column without nulls in the data may be read through .Value (defined for every row).
        if (!vt.Nullable() && column.Kind.Nullable() && vt != VT.Str)
        {
            return column.HasNulls ? null : Expression.Property(value, "Value");
        }

        if (!vt.Nullable() && column.Kind == VT.NStr)
        {
            return column.HasNulls ? null : value;
        }

        return Lift(value, vt);
    }

    private static Expression Lift(Expression value, VT vt) => value.Type == vt.Clr() ? value : Expression.Convert(value, vt.Clr());

    private Scope Inner(IReadOnlyList<Scope> env) => Chance(0.75) ? env[^1] : Pick(env);

    /// <summary>A constant of the kind, sampled from some column of that kind.</summary>
    public object? Constant(VT vt)
    {
        if (vt == VT.Long || vt == VT.NLong)
        {
            return (long)rng.Next(0, 1_000_000);
        }

        var columns = schema.Roots.SelectMany(e => e.Columns.Select(c => (e, c))).Where(x => x.c.Kind.Unlifted() == vt.Unlifted()).ToList();
        for (var i = 0; i < 10 && columns.Count > 0; i++)
        {
            var (entity, column) = Pick(columns);
            var value = column.Read(Pick(entity.Rows));
            if (value is not null || vt.Nullable())
            {
                return value;
            }
        }

        return vt.Unlifted() switch
        {
            VT.Int => 1, VT.Dec => 1m, VT.Str => "a", VT.Date => new DateTime(2022, 1, 1), VT.Bool => true, VT.Dbl => 0.5, _ => null,
        };
    }

    /// <summary>A constant or, half the time, a captured variable (a field of a closure object).</summary>
    public Expression Literal(object? value, Type type)
    {
        if (Chance(0.5))
        {
            return Expression.Constant(value, type);
        }

        var box = Activator.CreateInstance(typeof(Box<>).MakeGenericType(type), value)!;
        return Expression.Field(Expression.Constant(box), "Value");
    }

    /// <summary>The value of <paramref name="expression"/> on a random row of the model of its one free parameter (LINQ-to-Objects).</summary>
    public (bool Found, object? Value) Sample(Expression expression)
    {
        var free = Expressions.FreeParameters(expression);
        if (free.Count != 1)
        {
            return (false, null);
        }

        var p = free.Single();
        var entity = schema[p.Type];
        var read = Expression.Lambda<Func<object, object?>>(Expressions.Substitute(Expression.Convert(expression, typeof(object)), p, Expression.Convert(Row, p.Type)), Row)
            .Compile(preferInterpretation: true);
        for (var i = 0; i < 4; i++)
        {
            object? value;
            try
            {
                value = read(Pick(entity.Rows));
            }
            catch (Exception ex) when (ex is NullReferenceException or InvalidOperationException or ArgumentException)
            {
                // The generator's own mistake (an unguarded member): no sample, and the query's in-memory run will say so.
                return (false, null);
            }

            if (value is not null || i == 3)
            {
                return (true, value);
            }
        }

        return (false, null);
    }

    public static MethodCallExpression Call(Type type, string name, params Expression[] arguments) => Expression.Call(type, name, Type.EmptyTypes, arguments);

    public static MethodCallExpression Call(Type type, string name, Type[] typeArguments, params Expression[] arguments) =>
        Expression.Call(type, name, typeArguments, arguments);

    public static MethodInfo Method(Type type, string name, int parameters) => type.GetMethods().First(m => m.Name == name && m.GetParameters().Length == parameters);
}
