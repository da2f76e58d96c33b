using Linq.Contract;
using Linq.Sql.Syntax;

namespace Linq.Writing.Nested;

/// <summary>
/// Nested writes through a many-to-many relation: related rows are found (connect), created, or found-or-created, and
/// each pair goes into the join table, in CTEs of the same statement as the parent. A connect whose row is missing fails
/// the whole write through its check; a pair that exists already is kept (<c>ON CONFLICT DO NOTHING</c>).
/// </summary>
internal sealed partial class NestedCreateBuilder
{
    private void AddLinks(List<(RelationWrites Writes, int ParentOrdinal, Item? Parent)> all, ParentLink link, JoinTableMetadata join, ColumnMetadata parentKey,
        List<RowCollector> parentRows, LinqDatabase database)
    {
        var relation = link.Relation;
        var child = relation.Target;
        var childKey = JoinTableMetadata.KeyOf(child);
        var creates = new List<Item>();
        foreach (var (writes, parentOrdinal, parent) in all)
        {
            foreach (var input in writes.Create)
            {
                EnsureNoCycle(input, parent, child);
                creates.Add(new Item(input, parentOrdinal, parent, RelationCollector.Of(database, input)));
            }

            foreach (var where in (writes.Set ?? []).Concat(writes.Connect))
            {
                // SELECT "t"."key" AS "k" FROM child AS "t" WHERE <unique key>: counted by the check, linked below.
                var found = Name("connect");
                _ctes.Add(new SqlCommonTableExpression(found, FindKey(child, childKey, KeyPredicate.Build(child, where, "t"))));
                Checks.Add(new WriteCheck(found, child.Name, "connect"));
                _ctes.Add(new SqlCommonTableExpression(Name("link"), LinkFrom(join, link, parentKey, parentOrdinal, parentRows, found)));
            }

            foreach (var (where, create) in writes.ConnectOrCreate)
            {
                if (RelationCollector.Of(database, create).Count > 0)
                {
                    throw new ArgumentException($"ConnectOrCreate under '{link.ParentModel.Name}.{relation.PropertyName}' cannot carry nested writes in its create data.");
                }

                var found = Name("connect");
                _ctes.Add(new SqlCommonTableExpression(found, FindKey(child, childKey, KeyPredicate.Build(child, where, "t"))));
                var made = Name("create");
                _ctes.Add(new SqlCommonTableExpression(made, CreateUnlessFound(child, childKey, create, found)));
                _ctes.Add(new SqlCommonTableExpression(Name("link"), LinkFrom(join, link, parentKey, parentOrdinal, parentRows, found)));
                _ctes.Add(new SqlCommonTableExpression(Name("link"), LinkFrom(join, link, parentKey, parentOrdinal, parentRows, made)));
            }
        }

        if (creates.Count > 0)
        {
            AddLevel(new Level(child, creates, link, SkipDuplicates: false, Returning: false, parentRows), database);
        }
    }

    // The pairs of a level of created rows and their parents: INSERT INTO join (source, target) VALUES (parent, child)…,
    // each key a drawn identity (by ordinal), a given value, or the existing parent's.
    private void AddCreatedLinks(Level level, List<RowCollector> rows, string? ids)
    {
        var link = level.Link!;
        var join = link.Relation.JoinTable!;
        var childKey = JoinTableMetadata.KeyOf(level.Model);
        var parentKey = JoinTableMetadata.KeyOf(link.ParentModel);
        var childKeys = new List<SqlExpression>();
        for (var i = 0; i < level.Items.Count; i++)
        {
            childKeys.Add(ids is null ? ParamCast(rows[i][childKey.Ordinal], childKey) : DrawnKey(ids, i));
        }

        SqlSelectStatement source;
        if (link.Existing is { } existing)
        {
            source = new SqlSelectStatement
            {
                Items = [new SqlSelectItem(new SqlColumnExpression("p", "k")), new SqlSelectItem(new SqlColumnExpression("v", "b"))],
                From = new SqlValuesTable([.. childKeys.Select(k => (IReadOnlyList<SqlExpression>)[k])], "v", ["b"]),
                Joins = [new SqlJoin(SqlJoinKind.Inner, new SqlDerivedTable(existing, "p"), SqlLiteralExpression.True)],
            };
        }
        else
        {
            var pairs = level.Items.Select((item, i) =>
                (IReadOnlyList<SqlExpression>)[ParentKey(link, parentKey, item.ParentOrdinal, level.ParentRows!), childKeys[i]]).ToList();
            source = new SqlSelectStatement
            {
                Items = [new SqlSelectItem(new SqlColumnExpression("v", "a")), new SqlSelectItem(new SqlColumnExpression("v", "b"))],
                From = new SqlValuesTable(pairs, "v", ["a", "b"]),
            };
        }

        _ctes.Add(new SqlCommonTableExpression(Name("link"), new SqlInsertStatement
        {
            Table = new SqlTableReference(join.TableName),
            Columns = [join.SourceColumn, join.TargetColumn],
            Source = source,
        }));
    }

    // (SELECT "k" FROM ids WHERE "o" = $n): the identity drawn for the level's row n.
    private static SqlScalarSubqueryExpression DrawnKey(string ids, int ordinal) => new(new SqlSelectStatement
    {
        Items = [new SqlSelectItem(new SqlColumnExpression(ids, "k"))],
        From = new SqlTableReference(ids),
        Where = Equal(new SqlColumnExpression(ids, "o"), new SqlParameter<int>(ordinal + 1, "integer")),
    });

    private static SqlSelectStatement FindKey(ModelMetadata child, ColumnMetadata childKey, SqlExpression where) => new()
    {
        Items = [new SqlSelectItem(new SqlColumnExpression("t", childKey.ColumnName), "k")],
        From = new SqlTableReference(child.TableName, "t"),
        Where = where,
    };

    // INSERT INTO join (source, target) SELECT parent, "s"."k" FROM cte AS "s" [JOIN (existing parent) AS "p" ON TRUE] ON CONFLICT DO NOTHING
    private SqlInsertStatement LinkFrom(JoinTableMetadata join, ParentLink link, ColumnMetadata parentKey, int parentOrdinal, List<RowCollector> parentRows, string cte)
    {
        List<SqlJoin> joins = [];
        SqlExpression parent;
        if (link.Existing is { } existing)
        {
            joins.Add(new SqlJoin(SqlJoinKind.Inner, new SqlDerivedTable(existing, "p"), SqlLiteralExpression.True));
            parent = new SqlColumnExpression("p", "k");
        }
        else
        {
            parent = ParentKey(link, parentKey, parentOrdinal, parentRows);
        }

        return new SqlInsertStatement
        {
            Table = new SqlTableReference(join.TableName),
            Columns = [join.SourceColumn, join.TargetColumn],
            Source = new SqlSelectStatement
            {
                Items = [new SqlSelectItem(parent), new SqlSelectItem(new SqlColumnExpression("s", "k"))],
                From = new SqlTableReference(cte, "s"),
                Joins = joins,
            },
            OnConflictDoNothing = true,
        };
    }

    // INSERT INTO child (cols) SELECT $… WHERE NOT EXISTS (SELECT 1 FROM found) RETURNING key AS "k"
    private static SqlInsertStatement CreateUnlessFound(ModelMetadata child, ColumnMetadata childKey, ICreateInput create, string found)
    {
        var writer = new InsertValueWriter();
        create.WriteTo(writer);
        return new SqlInsertStatement
        {
            Table = new SqlTableReference(child.TableName),
            Columns = writer.Columns,
            Source = new SqlSelectStatement
            {
                Items = [.. writer.Values.Select(v => new SqlSelectItem(v))],
                Where = new SqlUnaryExpression(SqlUnaryOperator.Not, new SqlExistsExpression(new SqlSelectStatement
                {
                    Items = [new SqlSelectItem(SqlLiteralExpression.Integer(1))],
                    From = new SqlTableReference(found),
                })),
            },
            Returning = [new SqlSelectItem(new SqlColumnExpression(null, childKey.ColumnName), "k")],
        };
    }
}
