using System.Linq.Expressions;
using Linq.Contract;
using Linq.Querying.Caching;

namespace Linq.Querying.Filters;

/// <summary>
/// Checks that a predicate is exactly equality on all columns of one unique key (primary key, a unique
/// column or a composite unique key), as Prisma's <c>findUnique</c> requires, and says which keys exist when not.
/// </summary>
internal static class UniqueKeyMatcher
{
    /// <summary>The value of an expression <see cref="EnsureUnique(ModelMetadata, LambdaExpression, out Dictionary{string, Expression})"/> gave for a key property, computed now.</summary>
    public static object? ValueOf(Expression value) => Evaluator.Evaluate(value);

    public static KeyMetadata EnsureUnique(ModelMetadata model, LambdaExpression predicate) =>
        SingleColumnKey(model, predicate, out _, out _) ?? EnsureUnique(model, predicate, out _);

    /// <summary>
    /// The common case without collecting into a dictionary and a set: a predicate that is one equality of a property
    /// with a value, where that property alone is a unique key (and no concurrency token). Null for any other predicate,
    /// which then takes the general path (with its error messages); the key found is the one the general path finds.
    /// </summary>
    public static KeyMetadata? SingleColumnKey(ModelMetadata model, LambdaExpression predicate, out ColumnMetadata? column, out Expression? value)
    {
        column = null;
        value = null;
        if (predicate.Body is not BinaryExpression { NodeType: ExpressionType.Equal } equal || predicate.Parameters.Count != 1)
        {
            return null;
        }

        var row = predicate.Parameters[0];
        var left = Column(equal.Left, row);
        var member = left ?? Column(equal.Right, row);
        var other = left is not null ? equal.Right : equal.Left;
        if (member is null || UsesRow(other, row))
        {
            return null;
        }

        var key = Covers(model.PrimaryKey, member) ? model.PrimaryKey : null;
        var uniques = model.UniqueKeys;
        for (var i = 0; key is null && i < uniques.Count; i++)
        {
            // Indexed: a foreach over the interface would allocate an enumerator on every write by key.
            key = Covers(uniques[i], member) ? uniques[i] : null;
        }

        if (key is null || key.Columns[0] is { IsConcurrencyToken: true } or { IsRowVersion: true })
        {
            return null;
        }

        column = key.Columns[0];
        value = other;
        return key;
    }

    private static bool Covers(KeyMetadata key, string property) => key.Columns.Count == 1 && key.Columns[0].PropertyName == property;

    /// <summary>Like <see cref="EnsureUnique(ModelMetadata, LambdaExpression)"/>, also giving the value expression compared with each property.</summary>
    public static KeyMetadata EnsureUnique(ModelMetadata model, LambdaExpression predicate, out Dictionary<string, Expression> values)
    {
        values = new Dictionary<string, Expression>(StringComparer.Ordinal);
        var properties = new HashSet<string>(StringComparer.Ordinal);
        if (!Collect(predicate.Body, predicate.Parameters[0], properties, values, out var problem))
        {
            throw new ArgumentException($"The predicate {predicate} is not a unique lookup: {problem} {Keys(model)}", nameof(predicate));
        }

        var match = KeyOf(model, properties);
        if (match is null)
        {
            throw new ArgumentException(
                $"The predicate {predicate} compares {string.Join(", ", properties.Order())}, which is not a unique key of '{model.Name}'. {Keys(model)}",
                nameof(predicate));
        }

        return match;
    }

    /// <summary>
    /// Like <see cref="EnsureUnique(ModelMetadata, LambdaExpression, out Dictionary{string, Expression})"/>, but the
    /// predicate may also compare concurrency tokens (<c>[ConcurrencyToken]</c>, <c>[RowVersion]</c>) besides the key:
    /// an update or delete then changes the row only while it holds them. <paramref name="tokens"/> are those columns.
    /// </summary>
    public static KeyMetadata EnsureUniqueWithTokens(ModelMetadata model, LambdaExpression predicate, out Dictionary<string, Expression> values, out List<ColumnMetadata> tokens)
    {
        tokens = [];
        if (!model.Columns.Any(c => c.IsConcurrencyToken || c.IsRowVersion))
        {
            return EnsureUnique(model, predicate, out values);
        }

        values = new Dictionary<string, Expression>(StringComparer.Ordinal);
        var properties = new HashSet<string>(StringComparer.Ordinal);
        if (!Collect(predicate.Body, predicate.Parameters[0], properties, values, out _))
        {
            return EnsureUnique(model, predicate, out values);
        }

        var compared = properties.Select(model.FindColumn).OfType<ColumnMetadata>().Where(c => c.IsConcurrencyToken || c.IsRowVersion).ToList();
        var keyProperties = properties.Except(compared.Select(c => c.PropertyName)).ToHashSet(StringComparer.Ordinal);
        var match = model.UniqueKeys.Prepend(model.PrimaryKey).FirstOrDefault(k => k.Columns.Count == keyProperties.Count && k.Columns.All(c => keyProperties.Contains(c.PropertyName)));
        if (match is null || compared.Count == 0)
        {
            return EnsureUnique(model, predicate, out values);
        }

        tokens = compared;
        return match;
    }

    // The primary key, else the first unique key, whose columns are exactly the compared properties (a loop: runs per write by key).
    private static KeyMetadata? KeyOf(ModelMetadata model, HashSet<string> properties)
    {
        if (Covers(model.PrimaryKey, properties))
        {
            return model.PrimaryKey;
        }

        foreach (var key in model.UniqueKeys)
        {
            if (Covers(key, properties))
            {
                return key;
            }
        }

        return null;
    }

    private static bool Covers(KeyMetadata key, HashSet<string> properties)
    {
        if (key.Columns.Count != properties.Count)
        {
            return false;
        }

        foreach (var column in key.Columns)
        {
            if (!properties.Contains(column.PropertyName))
            {
                return false;
            }
        }

        return true;
    }

    private static string Keys(ModelMetadata model) =>
        $"Unique keys of '{model.Name}': " + string.Join("; ", model.UniqueKeys.Prepend(model.PrimaryKey).Select(k => "(" + k.Describe() + ")")) + ". Use FindFirstAsync for other filters.";

    private static bool Collect(Expression body, ParameterExpression row, HashSet<string> properties, Dictionary<string, Expression> values, out string problem)
    {
        problem = "";
        switch (body)
        {
            case BinaryExpression { NodeType: ExpressionType.AndAlso } and:
                return Collect(and.Left, row, properties, values, out problem) && Collect(and.Right, row, properties, values, out problem);
            case BinaryExpression { NodeType: ExpressionType.Equal } equal:
                var member = Column(equal.Left, row) ?? Column(equal.Right, row);
                var other = member == Column(equal.Left, row) ? equal.Right : equal.Left;
                if (member is null || UsesRow(other, row))
                {
                    problem = $"'{equal}' must compare one property of the row with a value.";
                    return false;
                }

                if (!properties.Add(member))
                {
                    problem = $"'{member}' is compared twice.";
                    return false;
                }

                values[member] = other;
                return true;
            default:
                problem = $"'{body}' is not an equality; only '==' joined by '&&' is allowed.";
                return false;
        }
    }

    private static string? Column(Expression expression, ParameterExpression row)
    {
        while (expression is UnaryExpression { NodeType: ExpressionType.Convert } convert)
        {
            expression = convert.Operand;
        }

        return expression is MemberExpression { Expression: var owner } member && owner == row ? member.Member.Name : null;
    }

    private static bool UsesRow(Expression expression, ParameterExpression row)
    {
        // The usual value, a captured variable (a field of the closure constant) or a constant, cannot name the row:
        // no visitor is allocated for it.
        var value = expression;
        while (value is MemberExpression { Expression: { } owner })
        {
            value = owner;
        }

        if (value is ConstantExpression or MemberExpression { Expression: null })
        {
            return false;
        }

        var finder = new RowFinder(row);
        finder.Visit(expression);
        return finder.Found;
    }

    private sealed class RowFinder(ParameterExpression row) : ExpressionVisitor
    {
        public bool Found { get; private set; }

        protected override Expression VisitParameter(ParameterExpression node)
        {
            Found |= node == row;
            return node;
        }
    }
}
