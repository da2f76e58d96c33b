namespace Linq.Sql.Schema;

/// <summary>
/// The decimal range checks as PostgreSQL prints them back (<c>pg_get_expr</c> of the constraint), as SQL expressions
/// to compare that text with in catalog queries. They read the column's name from <c>a.attname</c>: the query's
/// <c>pg_attribute</c> row of the checked column must be aliased <c>a</c>. The large literal comes back quoted
/// (<c>'7922…'::numeric</c>) from PostgreSQL 9.x on, bare in older forms: both are accepted.
/// </summary>
internal static class DecimalCheckForms
{
    private const string Column = "' || pg_catalog.quote_ident(a.attname) || '";
    private const string Quoted = "''79228162514264337593543950335''::numeric";
    private const string Bare = "79228162514264337593543950335::numeric";

    /// <summary>
    /// The texts of <see cref="CheckConstraintKind.DecimalRange"/> (<see cref="Syntax.DecimalReadable"/>), as a list for
    /// <c>IN (…)</c>.
    /// </summary>
    public const string Readable =
        $"'((abs({Column}) <= {Quoted}) AND (scale({Column}) <= 28) AND ((abs({Column}) * power(10.0, (scale({Column}))::numeric)) <= {Quoted}))', "
        + $"'((abs({Column}) <= {Bare}) AND (scale({Column}) <= 28) AND ((abs({Column}) * power(10.0, (scale({Column}))::numeric)) <= {Bare}))'";

    /// <summary>The texts of <see cref="CheckConstraintKind.DecimalMagnitude"/> (older versions' check), as a list for <c>IN (…)</c>.</summary>
    public const string Magnitude = $"'(abs({Column}) <= {Quoted})', '(abs({Column}) <= {Bare})'";
}
