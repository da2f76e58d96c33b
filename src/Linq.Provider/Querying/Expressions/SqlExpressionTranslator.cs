using System.Linq.Expressions;
using Linq.Contract;
using Linq.Execution;
using Linq.Querying.Caching;
using Linq.Querying.Expressions.Enums;
using Linq.Querying.Expressions.Groups;
using Linq.Querying.Expressions.Joins;
using Linq.Querying.Expressions.Relations;
using Linq.Querying.Model;
using Linq.Sql.Syntax;

namespace Linq.Querying.Expressions;

/// <summary>
/// Translates scalar and predicate expressions to SQL with C# semantics: comparisons with null become
/// <c>IS [NOT] NULL</c>, <c>!=</c> on nullable operands is <c>IS DISTINCT FROM</c>, and <c>!</c> over
/// something SQL may leave NULL is <c>NOT COALESCE(…, FALSE)</c>, so results match LINQ-to-Objects row for row.
/// Values arrive as <see cref="QueryParameterExpression"/> placeholders and become parameter slots.
/// </summary>
internal sealed partial class SqlExpressionTranslator(TranslationContext context, QueryScope scope)
{
    public TranslationContext Context => context;

    public QueryScope Scope => scope;

    public SqlExpression TranslatePredicate(Expression expression) => Translate(expression).Sql;

    /// <summary>A predicate that is never NULL (for NOT, projections and CASE).</summary>
    public SqlExpression TwoValued(SqlValue value) =>
        value.MayBeNull ? new SqlFunctionExpression("COALESCE", value.Sql, SqlLiteralExpression.False) : value.Sql;

    /// <summary>Whether the expression can be translated (used by projections to decide what runs in SQL).</summary>
    public bool TryTranslate(Expression expression, out SqlValue? value)
    {
        try
        {
            value = Translate(expression);
            return true;
        }
        catch (QueryTranslationException)
        {
            value = null;
            return false;
        }
    }

    public SqlValue Translate(Expression expression) => expression switch
    {
        QueryParameterExpression parameter => Value(parameter, null),
        ConstantExpression constant => Value(constant, null),
        BinaryExpression binary => Binary(binary),
        UnaryExpression unary => Unary(unary),
        MemberExpression member => Member(member),
        MethodCallExpression call => Call(call),
        ConditionalExpression conditional => Conditional(conditional),
        SubqueryExpression subquery => new SubqueryTranslator(this).Translate(subquery),
        TranslatedValueExpression translated => translated.Value,
        DerivedColumnExpression column => DerivedColumn(column),
        JoinKeyExpression key => JoinKeyTranslator.Translate(this, key),
        QuerySourceExpression reference when context.FindElement(reference.Source) is { } element => element,
        QuerySourceExpression reference when context.FindGroup(reference.Source) is not null =>
            throw new QueryTranslationException(reference, "a group cannot be used as a value.", "Use g.Key or an aggregate such as g.Count()."),
        QuerySourceExpression reference => throw new QueryTranslationException(reference,
            "a whole row cannot be used as a value here.", "Compare a key property instead (e.g. x.Id == y.Id)."),
        _ => throw new QueryTranslationException(expression, $"the expression kind '{expression.NodeType}' is not supported."),
    };

    /// <summary>
    /// Whether the expression is a table: a constant, or a placeholder when the query captured it
    /// (<c>from b in db.B</c> inside a lambda, where <c>db</c> is a captured variable) and its value in
    /// <paramref name="values"/> is the table itself. Either way only its type matters to the SQL.
    /// </summary>
    public static bool IsTable(Expression expression, object?[] values) =>
        expression is ConstantExpression { Value: IQueryable } || (expression is QueryParameterExpression parameter && QueryParameterExpression.IsTable(values[parameter.Index]));

    /// <summary>Whether the node is a value (placeholder or constant) rather than something read from rows.</summary>
    public static bool IsValue(Expression expression) => expression is QueryParameterExpression or ConstantExpression;

    /// <summary>The value of a placeholder or constant at translation time; only its null-ness may shape the SQL.</summary>
    public object? PeekValue(Expression expression) => expression switch
    {
        QueryParameterExpression parameter => context.Values[parameter.Index],
        ConstantExpression constant => constant.Value,
        _ => throw new InvalidOperationException("Not a value."),
    };

    /// <summary>A parameter for a value node, or <c>NULL</c> when its value is null.</summary>
    /// <param name="node">A placeholder (its value comes with each execution) or a constant of the plan.</param>
    /// <param name="storeType">The PostgreSQL type to send the value as (the column it meets), or null to infer it.</param>
    /// <param name="transform">A conversion of the value; <paramref name="valueType"/> is what it returns.</param>
    /// <param name="valueType">The CLR type sent; defaults to the node's type (or <see cref="object"/> after an untyped transform).</param>
    public SqlValue Value(Expression node, string? storeType, Func<object?, object?>? transform = null, Type? valueType = null)
    {
        if (PeekValue(node) is null)
        {
            return new SqlValue(SqlLiteralExpression.Null, true);
        }

        var parameter = node is QueryParameterExpression placeholder
            ? context.AddSlot(placeholder.Index, valueType ?? (transform is null ? node.Type : typeof(object)), transform, storeType)
            : context.AddConstant(((ConstantExpression)node).Value, transform, storeType);
        return new SqlValue(parameter, false);
    }

    private SqlValue Member(MemberExpression member)
    {
        if (ProjectedMember(member) is { } part)
        {
            return Translate(part);
        }

        if (NavigationTranslator.CollectionCount(this, member) is { } count)
        {
            return count;
        }

        if (GroupTranslator.Key(this, member) is { } key)
        {
            return key;
        }

        // A member of a group's element (g.OrderBy(…).First().Name).
        if (member.Expression is MemberExpression or SubqueryExpression && GroupElement.Find(this, member) is { } element)
        {
            return element.Value(this);
        }

        if (member.Expression is not null && ResolveRow(member.Expression) is { } row)
        {
            var column = row.Model.FindColumn(member.Member.Name);
            if (column is not null)
            {
                return new SqlValue(new SqlColumnExpression(row.Alias, column.ColumnName), column.IsNullable || row.Optional, column);
            }

            if (row.Model.FindRelation(member.Member.Name) is { Kind: RelationKind.ToOne })
            {
                throw new QueryTranslationException(member, "a related row cannot be used as a value.", "Compare its key, or compare it with null.");
            }

            throw new QueryTranslationException(member, $"'{member.Member.Name}' is not a mapped property of '{row.Model.Name}'.");
        }

        if (member.Expression is not null && Nullable.GetUnderlyingType(member.Expression.Type) is not null)
        {
            var operand = Translate(member.Expression);
            return member.Member.Name switch
            {
                "HasValue" => new SqlValue(new SqlIsNullExpression(operand.Sql, Negated: true), false),
                "Value" => operand,
                _ => Members(member, operand),
            };
        }

        if (member.Expression is not null)
        {
            return Members(member, Translate(member.Expression));
        }

        throw new QueryTranslationException(member, $"the member '{member.Member.Name}' has no SQL translation.");
    }

    /// <summary>
    /// The row an expression denotes: a query source, or a to-one navigation from one (joined on demand).
    /// Null when the expression is not a row.
    /// </summary>
    public SourceBinding? ResolveRow(Expression expression) => NavigationTranslator.ResolveRow(context, expression);

    private SqlValue Binary(BinaryExpression binary)
    {
        var comparison = binary.NodeType is ExpressionType.Equal or ExpressionType.NotEqual or ExpressionType.LessThan or ExpressionType.LessThanOrEqual
            or ExpressionType.GreaterThan or ExpressionType.GreaterThanOrEqual;
        if (comparison && Strings.OrdinalComparison.TryTranslate(this, binary) is { } ordinal)
        {
            return ordinal;
        }

        switch (binary.NodeType)
        {
            case ExpressionType.AndAlso:
            case ExpressionType.And when binary.Type == typeof(bool):
            case ExpressionType.OrElse:
            case ExpressionType.Or when binary.Type == typeof(bool):
            {
                var and = binary.NodeType is ExpressionType.AndAlso or ExpressionType.And;
                var left = Translate(binary.Left);
                var failures = context.Failures;
                var right = Translate(binary.Right);
                var sql = binary.NodeType is ExpressionType.AndAlso or ExpressionType.OrElse && context.Failures != failures
                    ? ShortCircuit.Guard(left.Sql, right.Sql, and)
                    : new SqlBinaryExpression(and ? SqlBinaryOperator.And : SqlBinaryOperator.Or, left.Sql, right.Sql);
                return new SqlValue(sql, left.MayBeNull || right.MayBeNull);
            }

            case ExpressionType.Equal:
            case ExpressionType.NotEqual:
                return Equality(binary.Left, binary.Right, binary.NodeType == ExpressionType.Equal, binary);
            case ExpressionType.LessThan:
            case ExpressionType.LessThanOrEqual:
            case ExpressionType.GreaterThan:
            case ExpressionType.GreaterThanOrEqual:
                return Comparison(binary);
            case ExpressionType.Add when binary.Type == typeof(string):
                // concat() treats NULL as empty text, as C# string concatenation does; other pieces are formatted as .NET does.
                return Strings.StringBuilding.Add(this, binary);

            case ExpressionType.Add:
            case ExpressionType.AddChecked:
            case ExpressionType.Subtract:
            case ExpressionType.SubtractChecked:
            case ExpressionType.Multiply:
            case ExpressionType.MultiplyChecked:
            case ExpressionType.Divide:
            case ExpressionType.Modulo:
            {
                var (left, right) = Operands(binary.Left, binary.Right);
                var op = binary.NodeType switch
                {
                    ExpressionType.Add or ExpressionType.AddChecked => SqlBinaryOperator.Add,
                    ExpressionType.Subtract or ExpressionType.SubtractChecked => SqlBinaryOperator.Subtract,
                    ExpressionType.Multiply or ExpressionType.MultiplyChecked => SqlBinaryOperator.Multiply,
                    ExpressionType.Divide => SqlBinaryOperator.Divide,
                    _ => SqlBinaryOperator.Modulo,
                };
                return new SqlValue(new SqlBinaryExpression(op, left.Sql, right.Sql), left.MayBeNull || right.MayBeNull);
            }

            case ExpressionType.ArrayIndex:
                return Collections.ArrayColumns.Index(this, binary);
            case ExpressionType.Coalesce:
            {
                var (left, right) = Operands(binary.Left, binary.Right);
                return new SqlValue(new SqlFunctionExpression("COALESCE", left.Sql, right.Sql), right.MayBeNull);
            }

            default:
                throw new QueryTranslationException(binary, $"the operator '{binary.NodeType}' is not supported.");
        }
    }

    public SqlValue Equality(Expression leftNode, Expression rightNode, bool equal, Expression at)
    {
        // A navigation compared with null: its key decides (p.Author == null, u.Profile != null).
        if (NavigationTranslator.NullCheck(this, leftNode, rightNode, equal) is { } navigationCheck)
        {
            return navigationCheck;
        }

        var (left, right) = Operands(leftNode, rightNode);
        var leftNull = left.Sql == SqlLiteralExpression.Null;
        var rightNull = right.Sql == SqlLiteralExpression.Null;
        if (leftNull && rightNull)
        {
            return new SqlValue(equal ? SqlLiteralExpression.True : SqlLiteralExpression.False, false);
        }

        if (leftNull || rightNull)
        {
            return new SqlValue(new SqlIsNullExpression(leftNull ? right.Sql : left.Sql, Negated: !equal), false);
        }

        if (equal)
        {
            // Two nullable expressions: C# says null == null; '=' would say NULL.
            return left.MayBeNull && right.MayBeNull
                ? new SqlValue(new SqlBinaryExpression(SqlBinaryOperator.IsNotDistinctFrom, left.Sql, right.Sql), false)
                : new SqlValue(new SqlBinaryExpression(SqlBinaryOperator.Equal, left.Sql, right.Sql), left.MayBeNull || right.MayBeNull);
        }

        return left.MayBeNull || right.MayBeNull
            ? new SqlValue(new SqlBinaryExpression(SqlBinaryOperator.IsDistinctFrom, left.Sql, right.Sql), false)
            : new SqlValue(new SqlBinaryExpression(SqlBinaryOperator.NotEqual, left.Sql, right.Sql), false);
    }

    private SqlValue Comparison(BinaryExpression binary)
    {
        var (left, right) = Operands(binary.Left, binary.Right);
        if (left.Sql == SqlLiteralExpression.Null || right.Sql == SqlLiteralExpression.Null)
        {
            // C#: a lifted comparison with null is false.
            return new SqlValue(SqlLiteralExpression.False, false);
        }

        var op = binary.NodeType switch
        {
            ExpressionType.LessThan => SqlBinaryOperator.LessThan,
            ExpressionType.LessThanOrEqual => SqlBinaryOperator.LessThanOrEqual,
            ExpressionType.GreaterThan => SqlBinaryOperator.GreaterThan,
            _ => SqlBinaryOperator.GreaterThanOrEqual,
        };
        return new SqlValue(new SqlBinaryExpression(op, left.Sql, right.Sql), left.MayBeNull || right.MayBeNull);
    }

    /// <summary>
    /// Translates two operands so that a value meeting a column takes the column's exact type (a DateTime
    /// compared with timestamptz is checked to be UTC), and an enum compared through its underlying integer
    /// (C# writes <c>(int)u.Role == 1</c>) becomes the enum again.
    /// </summary>
    public (SqlValue Left, SqlValue Right) Operands(Expression left, Expression right)
    {
        left = EnumValues.StripConvert(left, out var leftEnum);
        right = EnumValues.StripConvert(right, out var rightEnum);
        var leftValue = IsValue(left) ? null : Translate(left);
        var rightValue = IsValue(right) ? null : Translate(right);
        leftValue ??= ValueFor(left, rightValue, rightEnum);
        rightValue ??= ValueFor(right, leftValue, leftEnum);
        return (leftValue, rightValue);
    }

    private SqlValue ValueFor(Expression node, SqlValue? other, Type? enumType) =>
        EnumValues.Transform(enumType, context.Model) is var (transform, valueType)
            ? Value(node, TypeOf(other), transform, valueType)
            : Value(node, TypeOf(other));

    /// <summary>The store type of the column a value meets, so its parameter is sent as exactly that type.</summary>
    public static string? TypeOf(SqlValue? other) => other?.Column?.StoreType;

    private SqlValue Unary(UnaryExpression unary)
    {
        switch (unary.NodeType)
        {
            case ExpressionType.Not when unary.Type == typeof(bool) || unary.Type == typeof(bool?):
                return new SqlValue(new SqlUnaryExpression(SqlUnaryOperator.Not, TwoValued(Translate(unary.Operand))), false);
            case ExpressionType.Negate:
            case ExpressionType.NegateChecked:
            {
                var operand = Translate(unary.Operand);
                return new SqlValue(new SqlUnaryExpression(SqlUnaryOperator.Negate, operand.Sql), operand.MayBeNull);
            }

            case ExpressionType.Convert:
            case ExpressionType.ConvertChecked:
                return Convert(unary);
            case ExpressionType.Quote:
                return Translate(unary.Operand);
            default:
                throw new QueryTranslationException(unary, $"the operator '{unary.NodeType}' is not supported.");
        }
    }

    // Conversions that change the value (int to double, long to int) are done in SQL; lifting to nullable and enum
    // to integer are not conversions in SQL.
    private SqlValue Convert(UnaryExpression convert)
    {
        // s[i] compared with a char: C# compares the UTF-16 code units as integers.
        var number = Nullable.GetUnderlyingType(convert.Type) ?? convert.Type;
        if (convert.Operand is MethodCallExpression { Method.Name: "get_Chars" } chars && chars.Object?.Type == typeof(string) && IsIntegral(number))
        {
            var unit = Strings.StringIndexing.CodeUnit(this, chars);
            return number == typeof(int) ? unit : unit with { Sql = new SqlCastExpression(unit.Sql, StoreTypes.ScalarName(number)!) };
        }

        // (T)(object)x unboxes: C# throws InvalidCastException unless x is a T (or T is x's nullable type), so only
        // those stay in SQL; the others are left to the client (the final Select), where they throw as in C#.
        if (convert.Operand is UnaryExpression { NodeType: ExpressionType.Convert, Operand: var boxed } box && box.Type == typeof(object)
            && convert.Type != typeof(object) && boxed.Type != convert.Type && Nullable.GetUnderlyingType(convert.Type) != boxed.Type)
        {
            throw new QueryTranslationException(convert, $"unboxing a '{boxed.Type.Name}' as '{convert.Type.Name}' throws InvalidCastException in C#.",
                "Convert the value itself: Select(x => (T)x).");
        }

        var operand = Translate(convert.Operand);
        var from = Nullable.GetUnderlyingType(convert.Operand.Type) ?? convert.Operand.Type;
        var to = Nullable.GetUnderlyingType(convert.Type) ?? convert.Type;
        if (from == to || from.IsEnum || to.IsEnum || to == typeof(object))
        {
            return operand with { Column = from == to ? operand.Column : null };
        }

        var target = StoreTypes.ScalarName(to)
            ?? throw new QueryTranslationException(convert, $"converting '{from.Name}' to '{to.Name}' is not supported.");

        // C# truncates a double or decimal toward zero when it converts it to an integer ((int)1.99m is 1); a
        // PostgreSQL cast rounds (1.99::integer is 2), so the value is truncated first.
        var value = IsFractional(from) && IsIntegral(to) ? new SqlFunctionExpression("trunc", operand.Sql) : operand.Sql;
        return new SqlValue(new SqlCastExpression(value, target), operand.MayBeNull);
    }

    private static bool IsFractional(Type type) => type == typeof(double) || type == typeof(float) || type == typeof(decimal);

    private static bool IsIntegral(Type type) =>
        type == typeof(int) || type == typeof(long) || type == typeof(short) || type == typeof(byte) || type == typeof(sbyte)
        || type == typeof(uint) || type == typeof(ulong) || type == typeof(ushort);

    private SqlValue Conditional(ConditionalExpression conditional)
    {
        var test = Translate(conditional.Test);
        var whenTrue = Translate(conditional.IfTrue);
        var whenFalse = Translate(conditional.IfFalse);
        return new SqlValue(new SqlCaseExpression([new SqlCaseWhen(TwoValued(test), whenTrue.Sql)], whenFalse.Sql), whenTrue.MayBeNull || whenFalse.MayBeNull);
    }
}
