using Linq.Migrations.Diffing;
using Linq.Migrations.Introspection;
using Linq.Migrations.Safety;
using Linq.Sql.Schema;
using Npgsql;

namespace Linq.Migrations;

/// <summary>
/// Makes a database match a schema model without a migration history (<c>linq db push</c>, and the provider's
/// <c>PushAsync</c>): introspect, diff, check, apply the operations in one transaction. Pushing an unchanged model
/// does nothing. Destructive operations are refused unless accepted.
/// </summary>
public static class SchemaPush
{
    /// <summary>Pushes <paramref name="model"/> to the database.</summary>
    /// <param name="dataSource">The database.</param>
    /// <param name="model">The schema it should have.</param>
    /// <param name="acceptDataLoss">Whether destructive operations may run.</param>
    /// <param name="cancellationToken">Cancels the push (the transaction is rolled back).</param>
    /// <returns>The operations applied, classified with row counts (empty when the database already matched).</returns>
    /// <exception cref="DataLossException">Destructive operations are needed and <paramref name="acceptDataLoss"/> is false; nothing was changed.</exception>
    public static async Task<IReadOnlyList<ClassifiedOperation>> PushAsync(NpgsqlDataSource dataSource, SchemaDefinition model, bool acceptDataLoss = false, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        ArgumentNullException.ThrowIfNull(model);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        string? currentSchema;
        await using (var command = new NpgsqlCommand("SELECT current_schema()", connection))
        {
            currentSchema = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) as string;
        }

        var current = await SchemaIntrospector.IntrospectAsync(connection, null, cancellationToken).ConfigureAwait(false);
        var operations = SchemaDiffer.Diff(current, model, new SchemaDiffOptions { CurrentSchema = currentSchema });
        if (operations.Count == 0)
        {
            return [];
        }

        var review = await DestructiveChangeChecker.CheckAsync(connection, operations, cancellationToken).ConfigureAwait(false);
        var destructive = review.Where(r => r.IsDestructive).ToList();
        if (destructive.Count > 0 && !acceptDataLoss)
        {
            throw new DataLossException(destructive);
        }

        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        foreach (var operation in operations)
        {
            await using var command = new NpgsqlCommand(DdlRenderer.Render(operation), connection, transaction) { CommandTimeout = 0 };
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return review;
    }
}

/// <summary>A change needs destructive operations that were not accepted; nothing was changed.</summary>
public sealed class DataLossException : MigrationException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="operations">The destructive operations, with row counts when known.</param>
    public DataLossException(IReadOnlyList<ClassifiedOperation> operations)
        : base($"{operations.Count} destructive change{(operations.Count == 1 ? "" : "s")} refused (accept data loss to run them): "
            + string.Join("; ", operations.Select(o => o.Warning)) + ".")
    {
        Operations = operations;
    }

    /// <summary>The destructive operations, with row counts when known.</summary>
    public IReadOnlyList<ClassifiedOperation> Operations { get; }
}
