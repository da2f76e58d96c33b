using System.Linq.Expressions;
using Linq.Querying.Relations;
using Linq.Sql.Syntax;

namespace Linq.Querying.Shaping;

/// <summary>
/// Where a projection's SQL parts go and how the shaper reads them back: as columns of the result row
/// (top level) or as slots of a related row's JSON array (nested selects).
/// </summary>
internal interface IProjectionSink
{
    /// <summary>The shaper's input: the data reader, or the slot values of a JSON element.</summary>
    ParameterExpression Input { get; }

    /// <summary>A scalar computed in SQL; returns the expression that reads it back as <paramref name="type"/>.</summary>
    Expression Scalar(SqlValue value, Type type);

    /// <summary>As <see cref="Scalar"/>, but NULL is "Sequence contains no elements" (Min, Max or Average of no rows into a non-nullable value).</summary>
    Expression NonEmpty(SqlValue value, Type type);

    /// <summary>A JSON value (a lateral's column) read by <paramref name="reader"/> as <paramref name="type"/>.</summary>
    Expression Json(SqlExpression sql, JsonValueReader reader, Type type);

    /// <summary>A whole row, with what is included below it.</summary>
    Expression Entity(SourceBinding row, IncludeNode? includes, RelationTranslator relations);
}
