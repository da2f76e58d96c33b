namespace Linq.Sql.Syntax;

/// <summary>A complete statement that can be rendered and executed.</summary>
internal abstract record SqlStatement : SqlNode;
