using Linq.Contract;
using Linq.Sql.Syntax;

namespace Linq.Querying.Relations;

/// <summary>
/// The parent rows of a relation level as SQL: given a column of the parent (its key, or its foreign key for a to-one),
/// <c>ARRAY(SELECT parent.column FROM … the parent statement's FROM, joins, WHERE, ORDER BY, LIMIT, OFFSET …)</c>.
/// </summary>
internal delegate SqlExpression ParentKeys(ColumnMetadata column);
