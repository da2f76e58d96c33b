namespace Linq.Sql.Syntax;

/// <summary>A scalar (or row-valued) SQL expression.</summary>
public abstract record SqlExpression : SqlNode;
