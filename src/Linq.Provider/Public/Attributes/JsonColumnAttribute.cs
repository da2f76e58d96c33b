namespace Linq;

/// <summary>
/// A property of a plain C# type (a record or class) stored as one <c>jsonb</c> column, serialized with the
/// source-generated metadata of <paramref name="context"/>: a <c>partial</c> <c>JsonSerializerContext</c> with
/// <c>[JsonSerializable(typeof(TheType))]</c>, so no reflection is used (NativeAOT works). Its members can be filtered
/// on (<c>o.Shipping.City == "Oslo"</c> is <c>"Shipping" -&gt;&gt; 'City'</c>, with the names the serializer writes).
/// </summary>
/// <param name="context">The <c>JsonSerializerContext</c> that has the property type's metadata.</param>
[AttributeUsage(AttributeTargets.Property, AllowMultiple = false, Inherited = false)]
public sealed class JsonColumnAttribute(Type context) : Attribute
{
    /// <summary>The <c>JsonSerializerContext</c> type.</summary>
    public Type Context { get; } = context;
}
