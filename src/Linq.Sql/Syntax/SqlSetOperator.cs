namespace Linq.Sql.Syntax;

/// <summary>The operator of a <see cref="SqlSetOperation"/>.</summary>
internal enum SqlSetOperator
{
    /// <summary><c>UNION</c>: the distinct rows of either side.</summary>
    Union,

    /// <summary><c>UNION ALL</c>: the rows of both sides, duplicates kept.</summary>
    UnionAll,

    /// <summary><c>INTERSECT</c>: the distinct rows found on both sides.</summary>
    Intersect,

    /// <summary><c>EXCEPT</c>: the distinct rows of the left side not found on the right.</summary>
    Except,
}
