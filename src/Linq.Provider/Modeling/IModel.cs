namespace Linq.Modeling;

/// <summary>Implemented by the generator on every <c>[Model]</c> class: the static door to its metadata.</summary>
public interface IModel<TSelf> where TSelf : class, IModel<TSelf>
{
    /// <summary>The model's metadata and materializer.</summary>
    static abstract ModelMetadata<TSelf> Metadata { get; }
}
