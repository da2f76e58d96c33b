using Linq.Contract;
using Npgsql;

namespace Linq.Execution;

/// <summary>
/// Turns a <see cref="PostgresException"/> into the typed exception of its SQLSTATE, naming the model and the
/// fields of the violated key (found from the constraint name in the generated metadata), never the values.
/// </summary>
internal static class ErrorMapper
{
    /// <summary>
    /// P2020 for a decimal range check's 23514 (the database's bound that lets the decimal guard go): exactly the error
    /// the guard's 22003 gives, which names no table (the server does not), so callers see no difference.
    /// </summary>
    public static ValueOutOfRangeException RangeCheck(PostgresException error) => new(null, [], error);

    public static Exception Map(PostgresException error, DatabaseModel model)
    {
        var table = error.TableName is null ? null : model.Models.FirstOrDefault(m => m.TableName == error.TableName);
        switch (error.SqlState)
        {
            case PostgresErrorCodes.UniqueViolation:
            {
                var key = table?.UniqueKeys.Prepend(table.PrimaryKey).FirstOrDefault(k => k.Name == error.ConstraintName);
                return new UniqueConstraintViolationException(table?.Name, key?.Columns.Select(c => c.PropertyName).ToList() ?? [], error);
            }

            case PostgresErrorCodes.ForeignKeyViolation:
            {
                // The constraint is named in the referencing table's metadata; on delete the error names the referenced table.
                var owner = model.Models.FirstOrDefault(m => m.Relations.Any(r => r.IsOwner && r.ConstraintName == error.ConstraintName));
                var relation = owner?.Relations.First(r => r.IsOwner && r.ConstraintName == error.ConstraintName);
                return new ForeignKeyViolationException(owner?.Name ?? table?.Name, relation?.ForeignKeyProperties ?? [], error);
            }

            case PostgresErrorCodes.NotNullViolation:
            {
                var column = table?.Columns.FirstOrDefault(c => c.ColumnName == error.ColumnName);
                return new NullConstraintViolationException(table?.Name, column is null ? [] : [column.PropertyName], error);
            }

            case PostgresErrorCodes.StringDataRightTruncation:
                return new ValueTooLongException(table?.Name, [], error);
            case PostgresErrorCodes.NumericValueOutOfRange:
                return new ValueOutOfRangeException(table?.Name, [], error);
            case PostgresErrorCodes.DivisionByZero:
                // .NET throws DivideByZeroException for integer and decimal division (and %) by zero; so does the query.
                return new DivideByZeroException(
                    "The query divided by zero in PostgreSQL (SQLSTATE 22012). Integer and decimal division by zero throws in .NET too; "
                    + "filter the zero divisors out (Where(x => x.B != 0)) or guard the division (x.B == 0 ? 0 : x.A / x.B).", error);
            case PostgresErrorCodes.SerializationFailure:
            case PostgresErrorCodes.DeadlockDetected:
                return new TransactionConflictException(error);
            case PostgresErrorCodes.InFailedSqlTransaction:
                return new InvalidOperationException(
                    "The transaction is aborted: an earlier statement in it failed, so PostgreSQL ignores the rest. Let the callback end (throw) so it rolls back, "
                    + "or run the statement that may fail as a nested transaction (a savepoint).", error);
            default:
                return error;
        }
    }
}
