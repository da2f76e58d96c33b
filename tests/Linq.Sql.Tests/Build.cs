namespace Linq.Sql.Tests;

/// <summary>Terse constructors for syntax trees, so each test reads like the SQL it expects.</summary>
internal static class Build
{
    public static ColumnExpression Col(string alias, string column) => new(alias, column);

    public static ColumnExpression Col(string column) => new(null, column);

    public static ParameterExpression P(int index, string? typeName = null) => new(index, typeName);

    public static BinaryExpression Eq(SqlExpression left, SqlExpression right) => new(BinaryOperator.Equal, left, right);

    public static BinaryExpression And(SqlExpression left, SqlExpression right) => new(BinaryOperator.And, left, right);

    public static BinaryExpression Or(SqlExpression left, SqlExpression right) => new(BinaryOperator.Or, left, right);

    public static BinaryExpression Bin(BinaryOperator op, SqlExpression left, SqlExpression right) => new(op, left, right);

    public static UnaryExpression Not(SqlExpression operand) => new(UnaryOperator.Not, operand);

    public static UnaryExpression Neg(SqlExpression operand) => new(UnaryOperator.Negate, operand);

    public static FunctionExpression Count() => new("count", StarExpression.Instance);

    public static SelectItem Item(SqlExpression expression, string? alias = null) => new(expression, alias);

    public static TableReference Table(string name, string? alias = null, string? schema = null) => new(name, alias, schema);

    public static string Render(SqlStatement statement) => PostgresRenderer.Render(statement).Text;

    public static string Render(SqlExpression expression) => PostgresRenderer.Render(expression).Text;
}
