namespace Linq.Sql.Tests;

/// <summary>Terse constructors for syntax trees, so each test reads like the SQL it expects.</summary>
internal static class Build
{
    public static SqlColumnExpression Col(string alias, string column) => new(alias, column);

    public static SqlColumnExpression Col(string column) => new(null, column);

    /// <summary>A parameter holding <paramref name="value"/>: a new node each call, numbered where the text first refers to it.</summary>
    public static SqlParameter<int> P(int value) => new(value);

    /// <summary>A parameter cast in the text (<c>$n::type</c>).</summary>
    public static SqlCastExpression P(int value, string castTo) => new(P(value), castTo);

    public static SqlBinaryExpression Eq(SqlExpression left, SqlExpression right) => new(SqlBinaryOperator.Equal, left, right);

    public static SqlBinaryExpression And(SqlExpression left, SqlExpression right) => new(SqlBinaryOperator.And, left, right);

    public static SqlBinaryExpression Or(SqlExpression left, SqlExpression right) => new(SqlBinaryOperator.Or, left, right);

    public static SqlBinaryExpression Bin(SqlBinaryOperator op, SqlExpression left, SqlExpression right) => new(op, left, right);

    public static SqlUnaryExpression Not(SqlExpression operand) => new(SqlUnaryOperator.Not, operand);

    public static SqlUnaryExpression Neg(SqlExpression operand) => new(SqlUnaryOperator.Negate, operand);

    public static SqlFunctionExpression Count() => new("count", SqlStarExpression.Instance);

    public static SqlSelectItem Item(SqlExpression expression, string? alias = null) => new(expression, alias);

    public static SqlTableReference Table(string name, string? alias = null, string? schema = null) => new(name, alias, schema);

    public static string Render(SqlStatement statement) => PostgresRenderer.Render(statement).Text;

    public static string Render(SqlExpression expression) => PostgresRenderer.Render(expression).Text;
}
