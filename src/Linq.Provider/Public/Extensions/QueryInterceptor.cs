namespace Linq;

/// <summary>
/// Runs around one operation of an extended client (<c>x.Intercept(async (context, next) =&gt; { …; var result = await next(); …; return result; })</c>).
/// <paramref name="next"/> runs the rest of the chain (the next interceptor, finally the statement) and returns the
/// operation's result: the row list, the row, the count, … as <see cref="object"/>. Return it (or a replacement of the
/// same type) to let the operation complete; return without calling <paramref name="next"/> to short-circuit it. An
/// exception thrown here propagates to the caller unchanged.
/// </summary>
public delegate Task<object?> QueryInterceptor(QueryContext context, Func<Task<object?>> next);
