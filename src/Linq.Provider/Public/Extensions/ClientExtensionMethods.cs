using Linq.Contract;

namespace Linq;

/// <summary><c>db.WithExtensions(x =&gt; …)</c>: the C# form of Prisma's <c>$extends</c>.</summary>
public static class ClientExtensionMethods
{
    /// <summary>
    /// A new client of the same generated type with interceptors and global filters added. It shares the connection
    /// pool, the plan cache and the options of <paramref name="database"/>, which is left unchanged; transactions started
    /// on it keep its extensions. Extending an extended client adds to its extensions. Cheap: no pool, no model
    /// building; create it once (as a singleton next to the client) rather than per request when the filters do not vary.
    /// </summary>
    /// <exception cref="NotSupportedException">The client class was not made by the generator (<c>[Database] partial</c>).</exception>
    public static TDatabase WithExtensions<TDatabase>(this TDatabase database, Action<ExtensionsBuilder> configure)
        where TDatabase : LinqDatabase
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(configure);
        var builder = new ExtensionsBuilder(database.Extensions);
        configure(builder);
        return (TDatabase)database.ExtendWith(builder.Build());
    }
}
