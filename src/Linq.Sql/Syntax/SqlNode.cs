namespace Linq.Sql.Syntax;

/// <summary>Base of every node in the SQL syntax tree. Nodes are immutable.</summary>
public abstract record SqlNode;
