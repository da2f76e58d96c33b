using System.Globalization;
using Linq.Contract;
using Linq.Sql.Syntax;

namespace Linq.Writing;

/// <summary>Collects the set fields of an update input as assignments; number operations refer to the row's current value.</summary>
internal sealed class UpdateValueWriter(string rowAlias) : IUpdateValueWriter
{
    public List<SqlAssignment> Assignments { get; } = [];

    public void Set<TValue>(ColumnMetadata column, TValue value) => Assign(column, new SqlParameter<TValue>(value, column.StoreType));

    public void SetNull(ColumnMetadata column) => Assign(column, new SqlParameter<object?>(null, column.StoreType));

    public void Apply(ColumnMetadata column, NumberOperation operation)
    {
        var type = Nullable.GetUnderlyingType(column.ClrType) ?? column.ClrType;
        if (!(type == typeof(int) || type == typeof(long) || type == typeof(short) || type == typeof(decimal) || type == typeof(double) || type == typeof(float)))
        {
            throw new ArgumentException($"'{column.PropertyName}' is not a number column, so {operation.Operator} cannot apply to it.");
        }

        var amount = NumberOperand.Convert(column, operation, type);
        var op = operation.Operator switch
        {
            NumberOperator.Increment => SqlBinaryOperator.Add,
            NumberOperator.Decrement => SqlBinaryOperator.Subtract,
            NumberOperator.Multiply => SqlBinaryOperator.Multiply,
            _ => SqlBinaryOperator.Divide,
        };
        SqlExpression result = new SqlBinaryExpression(op, new SqlColumnExpression(rowAlias, column.ColumnName), new SqlParameter<object?>(amount, column.StoreType));
        if (type == typeof(decimal))
        {
            result = NumberOperand.WithinDecimalRange(result);
        }

        Assign(column, result);
    }

    private void Assign(ColumnMetadata column, SqlExpression value)
    {
        if (Assignments.Any(a => a.Column == column.ColumnName))
        {
            throw new ArgumentException($"'{column.PropertyName}' is set twice.");
        }

        Assignments.Add(new SqlAssignment(column.ColumnName, value));
    }
}
