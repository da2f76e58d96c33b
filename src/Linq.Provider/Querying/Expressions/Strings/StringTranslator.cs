using System.Linq.Expressions;
using Linq.Sql.Syntax;

namespace Linq.Querying.Expressions.Strings;

/// <summary>
/// String methods and members with C#'s meaning: StartsWith/EndsWith/Contains as <c>LIKE</c> with the value escaped
/// (<c>ILIKE</c> when case-insensitive), Equals with a StringComparison, IsNullOrEmpty/IsNullOrWhiteSpace, case and
/// trimming functions, Replace, and Length in UTF-16 code units; building (Concat, Join, PadLeft/PadRight),
/// searching (IndexOf), Substring, ordinal comparison and ToString go to their own translators in this folder.
/// </summary>
internal sealed class StringTranslator(SqlExpressionTranslator translator)
{
    /// <summary><c>s.Length</c>: C# counts UTF-16 code units, so a character outside the BMP counts twice (char_length counts it once).</summary>
    public static SqlValue Length(SqlValue operand) => new(Utf16Length.Of(operand.Sql), operand.MayBeNull);

    public SqlValue Call(MethodCallExpression call)
    {
        var name = call.Method.Name;
        var args = call.Arguments;
        switch (name)
        {
            case nameof(string.StartsWith) or nameof(string.EndsWith) or nameof(string.Contains) when call.Object is not null && args.Count is 1 or 2
                && (args[0].Type == typeof(string) || (args[0].Type == typeof(char) && SqlExpressionTranslator.IsValue(args[0]))):
                return Like(call, call.Object, args[0], name, IgnoreCase(call, args.Count == 2 ? args[1] : null));
            case nameof(string.Equals) when call.Object is not null && args.Count is 1 or 2 && args[0].Type == typeof(string):
                return StringEquals(call, call.Object, args[0], args.Count == 2 ? args[1] : null);
            case nameof(string.Equals) when call.Object is null && args.Count is 2 or 3:
                return StringEquals(call, args[0], args[1], args.Count == 3 ? args[2] : null);
            case nameof(string.IsNullOrEmpty) when call.Object is null:
            {
                var operand = translator.Translate(args[0]);
                return new SqlValue(new SqlBinaryExpression(SqlBinaryOperator.Or, new SqlIsNullExpression(operand.Sql),
                    new SqlBinaryExpression(SqlBinaryOperator.Equal, operand.Sql, SqlLiteralExpression.Quoted(""))), false);
            }

            case nameof(string.IsNullOrWhiteSpace) when call.Object is null:
            {
                var operand = translator.Translate(args[0]);
                var trimmed = new SqlFunctionExpression("btrim", operand.Sql, SqlLiteralExpression.Quoted(" \t\n\r\v\f"));
                return new SqlValue(new SqlBinaryExpression(SqlBinaryOperator.Or, new SqlIsNullExpression(operand.Sql),
                    new SqlBinaryExpression(SqlBinaryOperator.Equal, trimmed, SqlLiteralExpression.Quoted(""))), false);
            }

            case nameof(string.ToLower) or nameof(string.ToLowerInvariant) when args.Count == 0:
                return Function(call, "lower");
            case nameof(string.ToUpper) or nameof(string.ToUpperInvariant) when args.Count == 0:
                return Function(call, "upper");
            case nameof(string.Trim) when args.Count == 0:
                return Function(call, "btrim");
            case nameof(string.TrimStart) when args.Count == 0:
                return Function(call, "ltrim");
            case nameof(string.TrimEnd) when args.Count == 0:
                return Function(call, "rtrim");
            case nameof(string.Substring) when call.Object is not null && args.Count is 1 or 2:
                return StringSlicing.Substring(translator, call);

            case nameof(string.Replace) when call.Object is not null && args.Count == 2 && args[0].Type == typeof(string):
            {
                var target = translator.Translate(call.Object);
                return new SqlValue(new SqlFunctionExpression("replace", target.Sql, translator.Translate(args[0]).Sql, translator.Translate(args[1]).Sql), target.MayBeNull);
            }

            case nameof(string.Concat) when call.Object is null:
                return StringBuilding.Concat(translator, call);
            case nameof(string.Join) when call.Object is null:
                return StringBuilding.Join(translator, call);
            case nameof(string.PadLeft) or nameof(string.PadRight) when call.Object is not null:
                return StringBuilding.Pad(translator, call);
            case nameof(string.IndexOf) when call.Object is not null:
                return StringSearch.IndexOf(translator, call);
            case nameof(string.Compare) or nameof(string.CompareOrdinal) or nameof(string.CompareTo):
                return OrdinalComparison.Standalone(call);
            case nameof(string.ToString) when call.Object is not null && args.Count == 0:
                return translator.Translate(call.Object);
            default:
                throw new QueryTranslationException(call, $"the method 'string.{name}' with these arguments has no SQL translation.", UntranslatedAdvice.For(call.Method));
        }
    }

    private SqlValue Function(MethodCallExpression call, string function)
    {
        var target = translator.Translate(call.Object!);
        return new SqlValue(new SqlFunctionExpression(function, target.Sql), target.MayBeNull, target.Column);
    }

    private static bool IgnoreCase(MethodCallExpression call, Expression? comparison)
    {
        if (comparison is null)
        {
            return false;
        }

        if (comparison is not ConstantExpression { Value: StringComparison value })
        {
            throw new QueryTranslationException(call, "the StringComparison must be a constant.", "Write StringComparison.OrdinalIgnoreCase (or Ordinal) in the query.");
        }

        return value switch
        {
            StringComparison.Ordinal => false,
            StringComparison.OrdinalIgnoreCase or StringComparison.InvariantCultureIgnoreCase or StringComparison.CurrentCultureIgnoreCase => true,
            _ => throw new QueryTranslationException(call, $"StringComparison.{value} has no SQL equivalent.", "Use Ordinal or OrdinalIgnoreCase."),
        };
    }

    // StartsWith/EndsWith/Contains: LIKE with the value escaped so %, _ and \ match themselves; ILIKE when case-insensitive.
    private SqlValue Like(MethodCallExpression call, Expression target, Expression argument, string kind, bool ignoreCase)
    {
        var subject = translator.Translate(target);
        if (SqlExpressionTranslator.IsValue(argument))
        {
            if (translator.PeekValue(argument) is null)
            {
                throw new QueryTranslationException(call, "the argument is null; string." + kind + " would throw.");
            }

            // A char value (StartsWith('A')) is the one-character string.
            static string Text(object? v) => v is char c ? c.ToString() : (string)v!;
            Func<object?, object?> pattern = kind switch
            {
                nameof(string.StartsWith) => v => LikePattern.Escape(Text(v)) + "%",
                nameof(string.EndsWith) => v => "%" + LikePattern.Escape(Text(v)),
                _ => v => "%" + LikePattern.Escape(Text(v)) + "%",
            };
            var parameter = translator.Value(argument, "text", pattern, typeof(string));
            return new SqlValue(new SqlLikeExpression(subject.Sql, parameter.Sql, ignoreCase), subject.MayBeNull);
        }

        // The argument is itself a column: compare with string functions, no pattern involved.
        var other = translator.Translate(argument);
        var (a, b) = ignoreCase
            ? ((SqlExpression)new SqlFunctionExpression("lower", subject.Sql), (SqlExpression)new SqlFunctionExpression("lower", other.Sql))
            : (subject.Sql, other.Sql);
        SqlExpression sql = kind switch
        {
            nameof(string.StartsWith) => new SqlFunctionExpression("starts_with", a, b),
            nameof(string.EndsWith) => new SqlBinaryExpression(SqlBinaryOperator.Equal, new SqlFunctionExpression("right", a, new SqlFunctionExpression("char_length", b)), b),
            _ => new SqlBinaryExpression(SqlBinaryOperator.GreaterThan, new SqlFunctionExpression("strpos", a, b), SqlLiteralExpression.Integer(0)),
        };
        return new SqlValue(sql, subject.MayBeNull || other.MayBeNull);
    }

    private SqlValue StringEquals(MethodCallExpression call, Expression left, Expression right, Expression? comparison)
    {
        if (!IgnoreCase(call, comparison))
        {
            return translator.Equality(left, right, equal: true, call);
        }

        var (l, r) = translator.Operands(left, right);
        if (l.Sql == SqlLiteralExpression.Null || r.Sql == SqlLiteralExpression.Null)
        {
            return translator.Equality(left, right, equal: true, call);
        }

        var lower = new SqlBinaryExpression(SqlBinaryOperator.Equal, new SqlFunctionExpression("lower", l.Sql), new SqlFunctionExpression("lower", r.Sql));
        if (l.MayBeNull && r.MayBeNull)
        {
            var bothNull = new SqlBinaryExpression(SqlBinaryOperator.And, new SqlIsNullExpression(l.Sql), new SqlIsNullExpression(r.Sql));
            return new SqlValue(new SqlBinaryExpression(SqlBinaryOperator.Or, translator.TwoValued(new SqlValue(lower, true)), bothNull), false);
        }

        return new SqlValue(lower, l.MayBeNull || r.MayBeNull);
    }
}
