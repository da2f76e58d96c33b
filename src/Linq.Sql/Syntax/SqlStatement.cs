namespace Linq.Sql.Syntax;

/// <summary>A complete statement that can be rendered and executed.</summary>
public abstract record SqlStatement : SqlNode;
