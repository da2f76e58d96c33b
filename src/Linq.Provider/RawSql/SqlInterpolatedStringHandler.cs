using System.ComponentModel;
using System.Runtime.CompilerServices;

namespace Linq.RawSql;

/// <summary>
/// Turns an interpolated string into SQL text and parameters: the literal parts are the SQL text and every
/// hole (<c>{value}</c>) becomes a <c>$n</c> parameter of the hole's type, never text. A hole holding a
/// <see cref="SqlFragment"/> is spliced instead (its holes stay parameters). The compiler builds this from
/// <c>$"…"</c> at the call; there is deliberately no conversion from <see cref="string"/>, so SQL text built by
/// concatenation or <c>string.Format</c> does not compile.
/// </summary>
/// <remarks>
/// A struct rather than a ref struct so that holes may contain <c>await</c>. Format specifiers and alignment
/// (<c>{x:N2}</c>, <c>{x,10}</c>) are compile errors: values are sent as parameters, not formatted.
/// </remarks>
[InterpolatedStringHandler]
[EditorBrowsable(EditorBrowsableState.Never)]
public struct SqlInterpolatedStringHandler
{
    private readonly SqlBuilder _builder;

    /// <summary>Called by the compiler.</summary>
    public SqlInterpolatedStringHandler(int literalLength, int formattedCount) => _builder = new SqlBuilder(formattedCount);

    /// <summary>Appends SQL text written in the source.</summary>
    public readonly void AppendLiteral(string value) => _builder.AppendText(value);

    /// <summary>
    /// Appends a parameter of type <typeparamref name="T"/> holding <paramref name="value"/> (arrays and
    /// <c>List&lt;T&gt;</c> are one array parameter; null is SQL NULL). A <see cref="SqlFragment"/> is spliced.
    /// </summary>
    public readonly void AppendFormatted<T>(T value)
    {
        if (value is SqlFragment fragment)
        {
            _builder.AppendFragment(fragment);
            return;
        }

        _builder.AppendParameter(value);
    }

    /// <summary>Splices a fragment: its text as is, its values as parameters.</summary>
    /// <exception cref="ArgumentNullException">The fragment is null (use <see cref="Sql.Empty"/> for nothing).</exception>
    public readonly void AppendFormatted(SqlFragment fragment)
    {
        if (fragment is null)
        {
            throw new ArgumentNullException(nameof(fragment), "A SqlFragment hole is null; use Sql.Empty for an absent piece.");
        }

        _builder.AppendFragment(fragment);
    }

    internal readonly RawStatement ToStatement() => Builder.ToStatement();

    internal readonly SqlFragment ToFragment() => Builder.ToFragment();

    // default(SqlInterpolatedStringHandler) has no builder.
    private readonly SqlBuilder Builder => _builder ?? throw new InvalidOperationException("The SQL was not written as an interpolated string.");
}
