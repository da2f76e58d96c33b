using Linq.Contract;
using Linq.Sql.Syntax;

namespace Linq.Querying;

/// <summary>
/// A translated sub-expression: its SQL, whether it can be NULL in SQL where C# would see a non-null value
/// (comparisons with nullable columns; matters under NOT), and the column it reads, if any.
/// </summary>
internal sealed record SqlValue(SqlExpression Sql, bool MayBeNull, ColumnMetadata? Column = null);
