using Linq.Contract;

namespace Linq;

/// <summary>Implemented by the generator on every <c>[Database]</c> class, so hosts can create it without reflection.</summary>
public interface ILinqDatabaseFactory<TSelf> where TSelf : LinqDatabase, ILinqDatabaseFactory<TSelf>
{
    /// <summary>Creates the client.</summary>
    static abstract TSelf Create(LinqDatabaseOptions options);

    /// <summary>The generated model registry (the generated <c>Model</c> property), e.g. for mapping enums on a data source built elsewhere.</summary>
    static abstract DatabaseModel Model { get; }
}
