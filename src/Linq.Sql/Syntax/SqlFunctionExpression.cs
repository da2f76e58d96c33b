namespace Linq.Sql.Syntax;

/// <summary>
/// A call of a built-in function, <c>name(arg, …)</c>. The name is written as is (it comes from the
/// translator, never from user input); <c>*</c> as the only argument renders <c>count(*)</c>.
/// </summary>
internal sealed record SqlFunctionExpression(string Name, IReadOnlyList<SqlExpression> Arguments) : SqlExpression
{
    /// <summary>Creates a call with the given arguments.</summary>
    public SqlFunctionExpression(string name, params SqlExpression[] arguments) : this(name, (IReadOnlyList<SqlExpression>)arguments) { }
}
