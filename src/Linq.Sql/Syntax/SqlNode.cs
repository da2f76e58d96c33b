namespace Linq.Sql.Syntax;

/// <summary>Base of every node in the SQL syntax tree. Nodes are immutable.</summary>
internal abstract record SqlNode;
