using System.Linq.Expressions;
using Linq.Querying.Model;

namespace Linq.Querying.Relinq;

/// <summary>
/// The re-linq seam's door, and the only one: this folder is the only code that sees <c>Remotion.*</c>.
/// <see cref="RelinqParser"/> reads the operator chain into re-linq's QueryModel, which
/// <see cref="QueryModelConverter"/> turns into ours at once; nothing of re-linq leaves the folder, so a front end
/// of our own replaces this folder alone.
/// </summary>
internal sealed class RelinqFrontEnd : IQueryFrontEnd
{
    public static IQueryFrontEnd Instance { get; } = new RelinqFrontEnd();

    private RelinqFrontEnd()
    {
    }

    public QueryModel Parse(Expression prepared, Expression original) => QueryModelConverter.Convert(RelinqParser.Parse(prepared, original));
}
