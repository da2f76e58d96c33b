using System.ComponentModel;

namespace Linq.Contract;

/// <summary>Static access to generated metadata: <c>Models.Get&lt;User&gt;()</c>.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class Models
{
    /// <summary>The metadata of model <typeparamref name="T"/>, straight from its generated code.</summary>
    public static ModelMetadata<T> Get<T>() where T : class, IModel<T> => T.Metadata;
}
