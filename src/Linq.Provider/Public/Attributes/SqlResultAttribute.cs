namespace Linq;

/// <summary>
/// Marks a class, record or struct as a row type for raw SQL results (<c>db.QueryRawAsync&lt;T&gt;</c>): the source
/// generator writes a reader for it that matches columns to constructor parameters and properties by name
/// (exactly, then ignoring case and underscores, so <c>created_at</c> fills <c>CreatedAt</c>), without reflection.
/// </summary>
/// <remarks>
/// Read are: the parameters of the constructor (a record's primary constructor; otherwise the parameterless
/// one, or the only one) and the properties with a <c>set</c> or <c>init</c> accessor reachable from the
/// assembly. A constructor parameter without a default value, a <c>required</c> property and an <c>init</c>
/// property need a column; a <c>set</c> property without a column keeps its initial value. Columns no member
/// asks for are ignored. <c>[Map("column")]</c> on a property (<c>[property: Map("…")]</c> on a record parameter)
/// names its column.
/// </remarks>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct, Inherited = false)]
public sealed class SqlResultAttribute : Attribute;
