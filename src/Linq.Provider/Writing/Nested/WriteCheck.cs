namespace Linq.Writing.Nested;

/// <summary>
/// A count the statement reports (<c>(SELECT count(*) FROM "cte")</c>) that must equal <see cref="Expected"/>; when it
/// does not, the transaction is rolled back and a <see cref="RecordNotFoundException"/> names the model and operation.
/// </summary>
internal sealed record WriteCheck(string CteName, string Model, string Operation, int Expected = 1);
