using Linq.Contract;
using Linq.Sql.Syntax;

namespace Linq.Querying;

/// <summary>
/// One SELECT being built: the joins that to-one navigations (<c>p.Author.Email</c>) add to it, each added
/// once per navigation path however often the query mentions it.
/// </summary>
internal sealed class QueryScope(TranslationContext context)
{
    private readonly Dictionary<(string Alias, string Navigation), SourceBinding> _navigations = [];

    public List<SqlJoin> Joins { get; } = [];

    /// <summary>The binding of the row reached from <paramref name="from"/> over a to-one navigation, joining it if needed.</summary>
    public SourceBinding JoinToOne(SourceBinding from, RelationMetadata relation)
    {
        if (_navigations.TryGetValue((from.Alias, relation.PropertyName), out var existing))
        {
            return existing;
        }

        var target = relation.Target;
        var alias = context.NextAlias();
        var on = KeyCondition(from, alias, relation);
        Joins.Add(new SqlJoin(SqlJoinKind.Left, new SqlTableReference(target.TableName, alias), on));
        var optional = from.Optional || relation.IsOptional || !relation.IsOwner;
        var binding = new SourceBinding(alias, target, this, optional);
        _navigations[(from.Alias, relation.PropertyName)] = binding;
        return binding;
    }

    /// <summary>The condition linking a row of <paramref name="from"/> to a row of the relation's target under <paramref name="targetAlias"/>.</summary>
    public static SqlExpression KeyCondition(SourceBinding from, string targetAlias, RelationMetadata relation)
    {
        if (relation.JoinTable is { } join)
        {
            return LinkCondition(from, targetAlias, relation.Target, join);
        }

        var target = relation.Target;
        SqlExpression? condition = null;
        for (var i = 0; i < relation.ForeignKeyProperties.Count; i++)
        {
            // Owner: target.referenced = from.fk. Back-reference: target.fk = from.referenced.
            var (fromProperty, targetProperty) = relation.IsOwner
                ? (relation.ForeignKeyProperties[i], relation.ReferencedProperties[i])
                : (relation.ReferencedProperties[i], relation.ForeignKeyProperties[i]);
            var equal = new SqlBinaryExpression(SqlBinaryOperator.Equal,
                new SqlColumnExpression(targetAlias, target.GetColumn(targetProperty).ColumnName),
                new SqlColumnExpression(from.Alias, from.Model.GetColumn(fromProperty).ColumnName));
            condition = condition is null ? equal : new SqlBinaryExpression(SqlBinaryOperator.And, condition, equal);
        }

        return condition!;
    }

    // Many-to-many: EXISTS (SELECT 1 FROM join AS "tNj" WHERE "tNj".source = from.key AND "tNj".target = target.key); the
    // join table's primary key makes it an index lookup, and EXISTS cannot repeat a row however the pairs are stored.
    private static SqlExpression LinkCondition(SourceBinding from, string targetAlias, ModelMetadata target, JoinTableMetadata join)
    {
        var alias = targetAlias + "j";
        var condition = new SqlBinaryExpression(SqlBinaryOperator.And,
            new SqlBinaryExpression(SqlBinaryOperator.Equal, new SqlColumnExpression(alias, join.SourceColumn),
                new SqlColumnExpression(from.Alias, JoinTableMetadata.KeyOf(from.Model).ColumnName)),
            new SqlBinaryExpression(SqlBinaryOperator.Equal, new SqlColumnExpression(alias, join.TargetColumn),
                new SqlColumnExpression(targetAlias, JoinTableMetadata.KeyOf(target).ColumnName)));
        return new SqlExistsExpression(new SqlSelectStatement
        {
            Items = [new SqlSelectItem(SqlLiteralExpression.Integer(1))],
            From = new SqlTableReference(join.TableName, alias),
            Where = condition,
        });
    }
}

/// <summary>A query source bound to a table alias, its model and the SELECT it belongs to.</summary>
internal sealed record SourceBinding(string Alias, ModelMetadata Model, QueryScope Scope, bool Optional = false);
