using System.Linq.Expressions;
using Linq.Contract;
using Linq.Sql.Syntax;

namespace Linq.Querying.Expressions;

internal sealed partial class SqlExpressionTranslator
{
    // Date parts are taken in UTC: DateTime values are UTC (timestamptz), so the session time zone must not matter.
    private static readonly SqlLiteralExpression Utc = SqlLiteralExpression.Quoted("UTC");

    private SqlValue Members(MemberExpression member, SqlValue operand)
    {
        var declaring = member.Member.DeclaringType;
        var name = member.Member.Name;
        if (declaring == typeof(string) && name == nameof(string.Length))
        {
            // C# counts UTF-16 code units: a character outside the BMP counts twice, char_length counts it once.
            var astral = new SqlFunctionExpression("regexp_replace", operand.Sql, SqlLiteralExpression.Quoted(@"[^\U00010000-\U0010FFFF]"),
                SqlLiteralExpression.Quoted(""), SqlLiteralExpression.Quoted("g"));
            var units = new SqlBinaryExpression(SqlBinaryOperator.Add, new SqlFunctionExpression("char_length", operand.Sql), new SqlFunctionExpression("char_length", astral));
            return new SqlValue(units, operand.MayBeNull);
        }

        if (member.Expression!.Type.IsArray && name == nameof(Array.Length))
        {
            return new SqlValue(new SqlFunctionExpression("COALESCE", new SqlFunctionExpression("cardinality", operand.Sql), SqlLiteralExpression.Integer(0)), operand.MayBeNull);
        }

        if (declaring == typeof(DateTime) || declaring == typeof(DateTimeOffset))
        {
            var utc = new SqlFunctionExpression("timezone", Utc, operand.Sql);
            if (name is nameof(DateTime.Date))
            {
                var day = new SqlFunctionExpression("timezone", Utc, new SqlFunctionExpression("date_trunc", SqlLiteralExpression.Quoted("day"), utc));
                return new SqlValue(day, operand.MayBeNull);
            }

            return DatePart(member, utc, operand.MayBeNull);
        }

        if (declaring == typeof(DateOnly) || declaring == typeof(TimeOnly))
        {
            return DatePart(member, operand.Sql, operand.MayBeNull);
        }

        throw new QueryTranslationException(member, $"the member '{declaring?.Name}.{name}' has no SQL translation.");
    }

    private static SqlValue DatePart(MemberExpression member, SqlExpression source, bool mayBeNull)
    {
        var field = member.Member.Name switch
        {
            "Year" => "year",
            "Month" => "month",
            "Day" => "day",
            "Hour" => "hour",
            "Minute" => "minute",
            "Second" => "second",
            "DayOfYear" => "doy",
            "DayOfWeek" => "dow",
            "Millisecond" => "milliseconds",
            _ => throw new QueryTranslationException(member, $"the member '{member.Member.Name}' has no SQL translation.",
                "Supported: Year, Month, Day, Hour, Minute, Second, Millisecond, DayOfYear, DayOfWeek, Date."),
        };

        // floor: C#'s Second has no fraction, date_part's does. milliseconds include the seconds, so keep the last three digits.
        SqlExpression part = new SqlCastExpression(new SqlFunctionExpression("floor", new SqlFunctionExpression("date_part", SqlLiteralExpression.Quoted(field), source)), "integer");
        if (field == "milliseconds")
        {
            part = new SqlBinaryExpression(SqlBinaryOperator.Modulo, part, SqlLiteralExpression.Integer(1000));
        }

        return new SqlValue(part, mayBeNull);
    }

    /// <summary><c>u.Posts.Count</c> (the list's property) is a count of related rows.</summary>
    private SqlValue? CollectionCount(MemberExpression member)
    {
        if (member.Member.Name != "Count" || member.Expression is not MemberExpression { Expression: not null } navigation)
        {
            return null;
        }

        if (ResolveRow(navigation.Expression) is not { } owner || owner.Model.FindRelation(navigation.Member.Name) is not { Kind: RelationKind.ToMany } relation)
        {
            return null;
        }

        var target = relation.Target;
        var alias = context.NextAlias();
        var select = new SqlSelectStatement
        {
            Items = [new SqlSelectItem(new SqlCastExpression(new SqlFunctionExpression("count", SqlStarExpression.Instance), "integer"))],
            From = new SqlTableReference(target.TableName, alias),
            Where = QueryScope.KeyCondition(owner, alias, relation),
        };
        return new SqlValue(new SqlScalarSubqueryExpression(select), false);
    }

    private static SqlExpression And(SqlExpression? left, SqlExpression right) => left is null ? right : new SqlBinaryExpression(SqlBinaryOperator.And, left, right);
}
