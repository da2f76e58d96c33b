using System.Linq.Expressions;

namespace Linq.Querying.Model;

/// <summary>
/// A result operator: what follows the selector, in LINQ order. These are the operators the translators know;
/// anything else the front end accepted arrives as <see cref="UnsupportedOperator"/>.
/// </summary>
internal abstract record QueryOperator
{
    /// <summary>The operator with <paramref name="transform"/> applied to its expressions; this one when nothing changed.</summary>
    public virtual QueryOperator Transform(Func<Expression, Expression> transform) => this;
}

/// <summary><c>Take(Count)</c>.</summary>
internal sealed record TakeOperator(Expression Count) : QueryOperator
{
    public override QueryOperator Transform(Func<Expression, Expression> transform) =>
        transform(Count) is var count && count == Count ? this : new TakeOperator(count);

    public override string ToString() => $"Take({Count})";
}

/// <summary><c>Skip(Count)</c>.</summary>
internal sealed record SkipOperator(Expression Count) : QueryOperator
{
    public override QueryOperator Transform(Func<Expression, Expression> transform) =>
        transform(Count) is var count && count == Count ? this : new SkipOperator(count);

    public override string ToString() => $"Skip({Count})";
}

/// <summary><c>Distinct()</c>.</summary>
internal sealed record DistinctOperator : QueryOperator
{
    public override string ToString() => "Distinct()";
}

/// <summary><c>First()</c> or <c>FirstOrDefault()</c> (a predicate arrives as a where clause).</summary>
internal sealed record FirstOperator(bool OrDefault) : QueryOperator
{
    public override string ToString() => OrDefault ? "FirstOrDefault()" : "First()";
}

/// <summary><c>Single()</c> or <c>SingleOrDefault()</c>.</summary>
internal sealed record SingleOperator(bool OrDefault) : QueryOperator
{
    public override string ToString() => OrDefault ? "SingleOrDefault()" : "Single()";
}

/// <summary><c>Count()</c> (an <see cref="int"/>; a predicate arrives as a where clause).</summary>
internal sealed record CountOperator : QueryOperator
{
    public override string ToString() => "Count()";
}

/// <summary><c>LongCount()</c>.</summary>
internal sealed record LongCountOperator : QueryOperator
{
    public override string ToString() => "LongCount()";
}

/// <summary><c>Any()</c> (a predicate arrives as a where clause).</summary>
internal sealed record AnyOperator : QueryOperator
{
    public override string ToString() => "Any()";
}

/// <summary><c>All(Predicate)</c>; the predicate refers to the query's <see cref="QueryModel.Source"/>.</summary>
internal sealed record AllOperator(Expression Predicate) : QueryOperator
{
    public override QueryOperator Transform(Func<Expression, Expression> transform) =>
        transform(Predicate) is var predicate && predicate == Predicate ? this : new AllOperator(predicate);

    public override string ToString() => $"All({Predicate})";
}

/// <summary><c>Contains(Item)</c>.</summary>
internal sealed record ContainsOperator(Expression Item) : QueryOperator
{
    public override QueryOperator Transform(Func<Expression, Expression> transform) =>
        transform(Item) is var item && item == Item ? this : new ContainsOperator(item);

    public override string ToString() => $"Contains({Item})";
}

/// <summary>The aggregates over the selected values.</summary>
internal enum AggregateFunction
{
    Sum,
    Min,
    Max,
    Average,
}

/// <summary>
/// <c>Sum()</c>, <c>Min()</c>, <c>Max()</c> or <c>Average()</c> of the selected values (a selector argument arrives as
/// the query's selector). <see cref="ResultType"/> is the operator's C# result: the selector's type, except that an
/// average of <c>int</c>/<c>long</c> is a <c>double</c>.
/// </summary>
internal sealed record AggregateOperator(AggregateFunction Function, Type ResultType) : QueryOperator
{
    public override string ToString() => $"{Function}()";
}

/// <summary>
/// <c>GroupBy(KeySelector, ElementSelector)</c>: the query's rows grouped. It ends its query; an outer query ranges
/// over the groups (<c>from g in {…GroupBy…}</c>), where <c>g.Key</c> and aggregates over <c>[g]</c> refer to it.
/// </summary>
/// <param name="KeySelector">The key, over the query's rows.</param>
/// <param name="ElementSelector">Each group's element, over the query's rows.</param>
/// <param name="Groups">The groups as a source, when an operator after the GroupBy refers to them (<c>GroupBy(k).All(g =&gt; g.Count() &gt; 1)</c>).</param>
internal sealed record GroupByOperator(Expression KeySelector, Expression ElementSelector, QuerySource? Groups = null) : QueryOperator
{
    public override QueryOperator Transform(Func<Expression, Expression> transform)
    {
        var key = transform(KeySelector);
        var element = transform(ElementSelector);
        return key == KeySelector && element == ElementSelector ? this : new GroupByOperator(key, element, Groups);
    }

    public override string ToString() => $"GroupBy({KeySelector}, {ElementSelector})";
}

/// <summary>An operator the translators do not support (Last, Cast, Concat, …), kept with its text for the error that names it.</summary>
internal sealed record UnsupportedOperator(string Description) : QueryOperator
{
    public override string ToString() => Description;
}
