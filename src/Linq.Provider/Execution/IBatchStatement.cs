using Npgsql;

namespace Linq.Execution;

/// <summary>
/// One statement of a batch that runs in one round trip. The executor sends <see cref="Sql"/> with its
/// <see cref="Parameters"/>, hands every row it returns to <see cref="ReadRow"/> and reports how many rows it returned
/// (or affected, for a statement that returns none) in <see cref="Rows"/>. What the rows mean is the caller's business.
/// </summary>
internal interface IBatchStatement
{
    string Sql { get; }

    NpgsqlParameter[] Parameters { get; }

    /// <summary>Whether the statement returns rows (RETURNING or a final SELECT).</summary>
    bool ReturnsRows { get; }

    /// <summary>Called for every returned row; <paramref name="index"/> counts from 0.</summary>
    void ReadRow(NpgsqlDataReader reader, int index);

    /// <summary>Set after execution: rows returned, or affected for a statement that returns none.</summary>
    int Rows { get; set; }
}
