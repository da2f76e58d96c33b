using System.ComponentModel;

namespace Linq.Contract;

/// <summary>Implemented by the generator on every <c>[Model]</c> class: the static door to its metadata.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public interface IModel<TSelf> where TSelf : class, IModel<TSelf>
{
    /// <summary>The model's metadata and materializer.</summary>
    static abstract ModelMetadata<TSelf> Metadata { get; }
}
