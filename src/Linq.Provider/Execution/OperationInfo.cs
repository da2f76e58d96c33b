using Linq.Contract;

namespace Linq.Execution;

/// <summary>
/// The operation a statement belongs to and the model it is about (null for raw SQL and transaction statements):
/// handed to every <see cref="CommandExecutor"/> call, for logs, spans and interceptors. A value type: free to pass.
/// </summary>
internal readonly record struct OperationInfo(LinqOperation Operation, ModelMetadata? Model)
{
    /// <summary>The table the operation is about (<c>db.collection.name</c>), when it is about one.</summary>
    public string? Collection => Model?.TableName;

    /// <summary>
    /// For one statement run for several callers' finds (<see cref="LinqDatabaseOptions.BatchFinds"/>): how many
    /// (<c>db.operation.batch.size</c> on its span); 0 for a statement of one call.
    /// </summary>
    public int BatchSize { get; init; }

    public static OperationInfo Of(LinqOperation operation) => new(operation, null);

    public static OperationInfo Of(LinqOperation operation, ModelMetadata model) => new(operation, model);
}
