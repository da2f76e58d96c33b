using Linq.Sql.Syntax;

namespace Linq.Querying.Expressions.Strings;

/// <summary>
/// The pieces that map UTF-16 positions (.NET's) to code points (PostgreSQL's) in text with characters outside the
/// BMP, shared by <c>IndexOf</c> with a start and <c>Substring</c>, and the failure both raise where .NET throws.
/// </summary>
internal static class AstralText
{
    /// <summary>The text with every astral character written twice: one code point per UTF-16 code unit.</summary>
    public static SqlExpression Doubled(SqlExpression text) =>
        new SqlFunctionExpression("regexp_replace", text, SqlLiteralExpression.Quoted(@"([\U00010000-\U0010FFFF])"),
            SqlLiteralExpression.Quoted(@"\1\1"), SqlLiteralExpression.Quoted("g"));

    /// <summary>How many astral-character copies a prefix of <see cref="Doubled"/> text holds (odd: it ends inside a pair).</summary>
    public static SqlExpression CopiesIn(SqlExpression prefix) =>
        new SqlBinaryExpression(SqlBinaryOperator.Subtract, Utf16Length.Of(prefix), new SqlFunctionExpression("char_length", prefix));

    /// <summary>
    /// An integer that fails the statement with <paramref name="message"/>: a cast of text that is no number. The text is
    /// concatenated (empty) so the value depends on the row and PostgreSQL cannot fold the failure away while planning.
    /// </summary>
    public static SqlExpression Failure(TranslationContext context, SqlExpression text, string message)
    {
        context.NoteFailure();
        return FailureOf(text, message);
    }

    private static SqlExpression FailureOf(SqlExpression text, string message) =>
        new SqlCastExpression(new SqlBinaryExpression(SqlBinaryOperator.Concat, SqlLiteralExpression.Quoted(message),
            new SqlFunctionExpression("left", text, SqlLiteralExpression.Integer(0))), "integer");
}
