using System.Linq.Expressions;

namespace Linq.Querying;

/// <summary>A <c>GroupBy</c> source: its key selector and the binding of the grouped rows.</summary>
internal sealed record GroupBinding(Expression KeySelector, SourceBinding Elements);
