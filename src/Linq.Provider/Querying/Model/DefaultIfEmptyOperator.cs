namespace Linq.Querying.Model;

/// <summary>
/// <c>DefaultIfEmpty()</c> without a default value: one null row when there are none. Translated where it makes a
/// join a left join (<c>from p in u.Posts.DefaultIfEmpty()</c>).
/// </summary>
internal sealed record DefaultIfEmptyOperator : QueryOperator
{
    public override string ToString() => "DefaultIfEmpty()";
}
