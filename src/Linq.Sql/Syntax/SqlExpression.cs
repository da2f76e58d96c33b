namespace Linq.Sql.Syntax;

/// <summary>A scalar (or row-valued) SQL expression.</summary>
internal abstract record SqlExpression : SqlNode;
