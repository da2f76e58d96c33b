namespace Linq;

/// <summary>
/// The column is an optimistic concurrency token. An <c>int</c>/<c>long</c>/<c>short</c> token is a version the
/// library increments in every update of the row (and defaults to 0 on create); a <c>Guid</c>, <c>DateTime</c> or
/// <c>DateTimeOffset</c> token is set by the program. <c>UpdateAsync</c>/<c>DeleteAsync</c> whose unique filter also
/// compares the token (<c>x =&gt; x.Id == id &amp;&amp; x.Version == version</c>) change the row only while it still holds that
/// token, and otherwise throw <see cref="ConcurrencyConflictException"/>.
/// </summary>
[AttributeUsage(AttributeTargets.Property, Inherited = false)]
public sealed class ConcurrencyTokenAttribute : Attribute;
