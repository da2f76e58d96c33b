using System.Globalization;
using Linq.Contract;
using Linq.Execution;
using Linq.Sql.Syntax;
using Linq.Writing.Caching;

namespace Linq.Writing;

/// <summary>
/// Collects the set fields of an update input as assignments; number operations refer to the row's current value.
/// Given the model, an update that changes anything also increments its integer concurrency tokens (unless the input
/// sets them), so every writer of the row moves the version on in the same statement.
/// </summary>
/// <remarks>
/// Given a <see cref="WriteShape"/>, it also records which columns are set and how, and the parameter nodes in order.
/// With <c>valuesOnly</c> it records only that (same checks, same parameter nodes in the same order) and builds no
/// assignments: enough to bind a cached statement's values, and the SQL tree is built only on a miss, by a full writer.
/// A column set twice is not refused then; its shape differs from every cached one, so the full writer refuses it.
/// </remarks>
/// <remarks>
/// With <c>bounds</c>, a number operation on a decimal column the database bounds (<see cref="DecimalBounds"/>) has no
/// range guard; the guard decision is part of the shape, so a cached text is never used with the other decision.
/// </remarks>
internal sealed class UpdateValueWriter(string rowAlias, ModelMetadata? model = null, WriteShape? shape = null, bool valuesOnly = false, DecimalBounds? bounds = null)
    : IUpdateValueWriter
{
    // Made by the first assignment: a values-only writer (every cached update) never needs it.
    private List<SqlAssignment>? _assignments;
    private int _count;

    /// <summary>How many fields the input sets (without the version bumps).</summary>
    public int Count => _count;

    public List<SqlAssignment> Assignments => _assignments is null ? [] : model is null ? _assignments : [.. _assignments, .. VersionBumps(model)];

    private IEnumerable<SqlAssignment> VersionBumps(ModelMetadata target)
    {
        foreach (var column in target.Columns)
        {
            if (column.IsConcurrencyToken && IsInteger(column.ClrType) && !_assignments!.Any(a => a.Column == column.ColumnName))
            {
                yield return new SqlAssignment(column.ColumnName,
                    new SqlBinaryExpression(SqlBinaryOperator.Add, new SqlColumnExpression(rowAlias, column.ColumnName), SqlLiteralExpression.Integer(1)));
            }
        }
    }

    private static bool IsInteger(Type type) => type == typeof(int) || type == typeof(long) || type == typeof(short);

    public void Set<TValue>(ColumnMetadata column, TValue value)
    {
        ColumnValueCheck.Check(column, value);
        shape?.Column('s', column.Ordinal);
        Assign(column, Parameter(new SqlParameter<TValue>(value, column.StoreType)));
    }

    public void SetNull(ColumnMetadata column)
    {
        shape?.Column('n', column.Ordinal);
        Assign(column, Parameter(new SqlParameter<object?>(null, column.StoreType)));
    }

    public void Apply(ColumnMetadata column, NumberOperation operation)
    {
        var type = Nullable.GetUnderlyingType(column.ClrType) ?? column.ClrType;
        if (!(type == typeof(int) || type == typeof(long) || type == typeof(short) || type == typeof(decimal) || type == typeof(double) || type == typeof(float)))
        {
            throw new ArgumentException($"'{column.PropertyName}' is not a number column, so {operation.Operator} cannot apply to it.");
        }

        var amount = NumberOperand.Convert(column, operation, type);
        ColumnValueCheck.CheckOperation(column, operation.Operator, amount);
        var op = operation.Operator switch
        {
            NumberOperator.Increment => SqlBinaryOperator.Add,
            NumberOperator.Decrement => SqlBinaryOperator.Subtract,
            NumberOperator.Multiply => SqlBinaryOperator.Multiply,
            _ => SqlBinaryOperator.Divide,
        };
        // The operator is part of the text, so of the shape; so is leaving the decimal guard out (the same shape on
        // another database, one that does not bound the column, needs the guard: another text, another cache entry).
        var guarded = type == typeof(decimal) && NumberOperand.NeedsDecimalGuard(column);
        var unguarded = guarded && bounds is not null && bounds.IsBounded(column);
        shape?.Column((char)((unguarded ? 'a' : '0') + (int)operation.Operator), column.Ordinal);
        var parameter = Parameter(new BoxedValueParameter(amount, column.StoreType));
        if (valuesOnly)
        {
            // The same parameter nodes, in the same order, as the tree below makes (the decimal guard's bound is a literal).
            _count++;
            return;
        }

        SqlExpression result = new SqlBinaryExpression(op, new SqlColumnExpression(rowAlias, column.ColumnName), parameter);
        if (guarded && !unguarded)
        {
            result = NumberOperand.ReadableAsDecimal(result);
        }

        Assign(column, result);
    }

    private SqlParameterExpression Parameter(SqlParameterExpression parameter) => shape is null ? parameter : shape.Parameter(parameter);

    private void Assign(ColumnMetadata column, SqlExpression value)
    {
        _count++;
        if (valuesOnly)
        {
            return;
        }

        _assignments ??= [];
        if (_assignments.Any(a => a.Column == column.ColumnName))
        {
            throw new ArgumentException($"'{column.PropertyName}' is set twice.");
        }

        _assignments.Add(new SqlAssignment(column.ColumnName, value));
    }
}
