namespace Linq;

/// <summary>Implemented by the generator on every <c>[Database]</c> class, so hosts can create it without reflection.</summary>
public interface ILinqDatabaseFactory<TSelf> where TSelf : LinqDatabase, ILinqDatabaseFactory<TSelf>
{
    /// <summary>Creates the client.</summary>
    static abstract TSelf Create(LinqDatabaseOptions options);
}
