using System.Linq.Expressions;

namespace Linq.Querying.Model;

/// <summary><c>Last()</c> or <c>LastOrDefault()</c> (a predicate arrives as a where clause).</summary>
internal sealed record LastOperator(bool OrDefault) : QueryOperator
{
    public override string ToString() => OrDefault ? "LastOrDefault()" : "Last()";
}

/// <summary><c>Reverse()</c>.</summary>
internal sealed record ReverseOperator : QueryOperator
{
    public override string ToString() => "Reverse()";
}

/// <summary><c>MaxBy(KeySelector)</c> or <c>MinBy(KeySelector)</c>; the key refers to the query's rows as an ordering does.</summary>
internal sealed record ExtremeByOperator(Expression KeySelector, bool Max) : QueryOperator
{
    public override QueryOperator Transform(Func<Expression, Expression> transform) =>
        transform(KeySelector) is var key && key == KeySelector ? this : new ExtremeByOperator(key, Max);

    public override string ToString() => $"{(Max ? "MaxBy" : "MinBy")}({KeySelector})";
}

/// <summary><c>ElementAt(Index)</c> or <c>ElementAtOrDefault(Index)</c> with an <see cref="int"/> index.</summary>
internal sealed record ElementAtOperator(Expression Index, bool OrDefault) : QueryOperator
{
    public override QueryOperator Transform(Func<Expression, Expression> transform) =>
        transform(Index) is var index && index == Index ? this : new ElementAtOperator(index, OrDefault);

    public override string ToString() => $"{(OrDefault ? "ElementAtOrDefault" : "ElementAt")}({Index})";
}

/// <summary><c>TakeLast(Count)</c>, or with <see cref="Skip"/> <c>SkipLast(Count)</c>: rows counted from the end of the ordering.</summary>
internal sealed record FromEndOperator(Expression Count, bool Skip) : QueryOperator
{
    public override QueryOperator Transform(Func<Expression, Expression> transform) =>
        transform(Count) is var count && count == Count ? this : new FromEndOperator(count, Skip);

    public override string ToString() => $"{(Skip ? "SkipLast" : "TakeLast")}({Count})";
}
