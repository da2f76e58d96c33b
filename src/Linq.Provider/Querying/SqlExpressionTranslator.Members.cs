using System.Linq.Expressions;
using Linq.Modeling;
using Linq.Sql.Syntax;
using SqlBinary = Linq.Sql.Syntax.BinaryExpression;

namespace Linq.Querying;

internal sealed partial class SqlExpressionTranslator
{
    // Date parts are taken in UTC: DateTime values are UTC (timestamptz), so the session time zone must not matter.
    private static readonly LiteralExpression Utc = LiteralExpression.Quoted("UTC");

    private SqlValue Members(MemberExpression member, SqlValue operand)
    {
        var declaring = member.Member.DeclaringType;
        var name = member.Member.Name;
        if (declaring == typeof(string) && name == nameof(string.Length))
        {
            // C# counts UTF-16 code units: a character outside the BMP counts twice, char_length counts it once.
            var astral = new FunctionExpression("regexp_replace", operand.Sql, LiteralExpression.Quoted(@"[^\U00010000-\U0010FFFF]"),
                LiteralExpression.Quoted(""), LiteralExpression.Quoted("g"));
            var units = new SqlBinary(BinaryOperator.Add, new FunctionExpression("char_length", operand.Sql), new FunctionExpression("char_length", astral));
            return new SqlValue(units, operand.MayBeNull);
        }

        if (member.Expression!.Type.IsArray && name == nameof(Array.Length))
        {
            return new SqlValue(new FunctionExpression("COALESCE", new FunctionExpression("cardinality", operand.Sql), LiteralExpression.Integer(0)), operand.MayBeNull);
        }

        if (declaring == typeof(DateTime) || declaring == typeof(DateTimeOffset))
        {
            var utc = new FunctionExpression("timezone", Utc, operand.Sql);
            if (name is nameof(DateTime.Date))
            {
                var day = new FunctionExpression("timezone", Utc, new FunctionExpression("date_trunc", LiteralExpression.Quoted("day"), utc));
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
        SqlExpression part = new CastExpression(new FunctionExpression("floor", new FunctionExpression("date_part", LiteralExpression.Quoted(field), source)), "integer");
        if (field == "milliseconds")
        {
            part = new SqlBinary(BinaryOperator.Modulo, part, LiteralExpression.Integer(1000));
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
        var select = new SelectStatement
        {
            Items = [new SelectItem(new CastExpression(new FunctionExpression("count", StarExpression.Instance), "integer"))],
            From = new TableReference(target.TableName, alias),
            Where = QueryScope.KeyCondition(owner, alias, relation),
        };
        return new SqlValue(new ScalarSubqueryExpression(select), false);
    }

    private static SqlExpression And(SqlExpression? left, SqlExpression right) => left is null ? right : new SqlBinary(BinaryOperator.And, left, right);
}
