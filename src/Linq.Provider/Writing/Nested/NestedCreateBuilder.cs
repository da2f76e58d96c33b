using Linq.Contract;
using Linq.Execution;
using Linq.Sql.Syntax;

namespace Linq.Writing.Nested;

/// <summary>
/// Plans a create with nested creates and connects as ONE statement of data-modifying CTEs, so the whole graph is
/// atomic and costs one round trip whatever the number of children. Each level is inserted set-wise from column arrays
/// (<c>unnest</c>). Children learn their parent's generated key without relying on RETURNING order: the parent level's
/// identity values are drawn up front (<c>nextval</c> of the column's sequence, one per row, numbered by ordinal) and
/// both the parent rows and the children's foreign keys take them from that CTE.
/// </summary>
internal sealed partial class NestedCreateBuilder
{
    private readonly List<SqlCommonTableExpression> _ctes = [];
    private readonly NestedCreateRecording? _recording;
    private int _names;

    public NestedCreateBuilder()
    {
    }

    /// <summary>A builder that takes the rows already collected and records where every parameter's value comes from.</summary>
    public NestedCreateBuilder(NestedCreateRecording recording) => _recording = recording;

    public List<WriteCheck> Checks { get; } = [];

    public bool IsEmpty => _ctes.Count == 0;

    /// <summary>The root row of <c>CreateAsync</c>; returns the CTE that yields it (all columns).</summary>
    public string AddRoot(ModelMetadata model, ICreateInput input, LinqDatabase database, List<RelationWrites>? collected = null)
    {
        var writes = collected ?? RelationCollector.Of(database, input);
        var level = new Level(model, [new Item(input, -1, null, writes)], null, SkipDuplicates: false, Returning: true);
        return AddLevel(level, database)[0];
    }

    /// <summary>Creates and connects under existing parent rows: <paramref name="parentKey"/> selects the referenced key (one row or none).</summary>
    public void AddUnderExisting(ModelMetadata parent, RelationWrites writes, SqlSelectStatement parentKey, LinqDatabase database)
    {
        var link = new ParentLink(writes.Relation, parent, IdsCte: null, Existing: parentKey);
        AddChildren(writes, link, [], database);
    }

    /// <summary>
    /// A data-modifying statement of its own among the CTEs (unlinking many-to-many pairs before the links of the same
    /// call). Sibling CTEs do not see each other's changes, so it must not touch rows another CTE writes.
    /// </summary>
    public void AddStatement(string prefix, SqlStatement statement) => _ctes.Add(new SqlCommonTableExpression(Name(prefix), statement));

    /// <summary>The statement: the CTEs, then a select of the root row (if any) and every check count.</summary>
    public SqlStatement Build(string? rootCte, ModelMetadata? rootModel)
    {
        var items = new List<SqlSelectItem>();
        if (rootCte is not null && rootModel is not null)
        {
            items.AddRange(rootModel.Columns.Select(c => new SqlSelectItem(new SqlColumnExpression(rootCte, c.ColumnName))));
        }

        items.AddRange(Checks.Select(c => new SqlSelectItem(Count(c.CteName))));
        if (items.Count == 0)
        {
            items.Add(new SqlSelectItem(SqlLiteralExpression.Integer(1)));
        }

        var body = new SqlSelectStatement { Items = items, From = rootCte is null ? null : new SqlTableReference(rootCte) };
        return new SqlWithStatement { Ctes = _ctes, Body = body };
    }

    private static SqlScalarSubqueryExpression Count(string cte) => new(new SqlSelectStatement
    {
        Items = [new SqlSelectItem(new SqlFunctionExpression("count", SqlStarExpression.Instance))],
        From = new SqlTableReference(cte),
    });

    private sealed record Item(ICreateInput Input, int ParentOrdinal, Item? Parent, List<RelationWrites> Writes);

    private sealed record Level(ModelMetadata Model, List<Item> Items, ParentLink? Link, bool SkipDuplicates, bool Returning, List<RowCollector>? ParentRows = null)
    {
        /// <summary>Whether the level's rows are linked to their parents through a join table rather than a foreign key.</summary>
        public bool Linked => Link?.Relation.JoinTable is not null;
    }

    // How rows of a level find their parent: through the parent level's drawn identities, or one existing row.
    // ParentCte names the CTE that inserted the one parent row (its rows are joined directly rather than through Existing).
    private sealed record ParentLink(RelationMetadata Relation, ModelMetadata ParentModel, string? IdsCte, SqlSelectStatement? Existing, string? ParentCte = null);

    private List<string> AddLevel(Level level, LinqDatabase database)
    {
        var model = level.Model;
        var rows = new List<RowCollector>(level.Items.Count);
        foreach (var item in level.Items)
        {
            rows.Add(Collect(item.Input));
        }

        // Children need this level's referenced key: drawn identities for a generated key, the input's values otherwise.
        string? ids = null;
        ColumnMetadata? drawn = null;
        var childRelations = level.Items.SelectMany(i => i.Writes).Where(w => w.HasCreates).Select(w => w.Relation).Distinct().ToList();
        foreach (var relation in childRelations)
        {
            var (_, referenced) = KeyPredicate.SingleColumn(relation, model, relation.Target);
            if (referenced.IsAutoIncrement)
            {
                if (drawn is not null && drawn != referenced)
                {
                    throw new NotSupportedException($"Nested creates under '{model.Name}' reference two generated columns.");
                }

                drawn = referenced;
            }
            else if (rows.Any(r => !r.Has(referenced.Ordinal)))
            {
                throw new ArgumentException(
                    $"A nested create under '{model.Name}' needs {referenced.PropertyName} set on the parent: the children reference it and the database would choose it.");
            }
        }

        // Rows linked through a join table need their own keys for the link rows: drawn when generated, else given.
        if (level.Linked)
        {
            var key = JoinTableMetadata.KeyOf(model);
            if (key.IsAutoIncrement)
            {
                if (drawn is not null && drawn != key)
                {
                    throw new NotSupportedException($"Nested creates under '{model.Name}' reference two generated columns.");
                }

                drawn = key;
            }
            else if (rows.Any(r => !r.Has(key.Ordinal)))
            {
                throw new ArgumentException(
                    $"A '{model.Name}' created through '{level.Link!.ParentModel.Name}.{level.Link.Relation.PropertyName}' needs {key.PropertyName} set: the link row references it and the database would choose it.");
            }
        }

        // One row needs no drawn identity: its insert returns the key and its children read it from there.
        var single = drawn is not null && rows.Count == 1 && !level.Linked ? drawn : null;
        if (drawn is not null && single is null)
        {
            ids = Name("ids");
            _ctes.Add(new SqlCommonTableExpression(ids, DrawIdentities(model, drawn, rows.Count, _recording, level.Link?.Existing)));
        }

        // Rows that leave different columns to the database cannot share one column-array insert: one CTE per shape.
        var names = new List<string>();
        var ordinals = Enumerable.Range(0, rows.Count).ToList();
        var nulls = RowCollector.NullWhereverSet(rows, 0, rows.Count);
        foreach (var group in ordinals.GroupBy(i => rows[i].Mask))
        {
            var name = Name("ins");
            _ctes.Add(new SqlCommonTableExpression(name, InsertGroup(level, [.. group], rows, nulls, ids, single is null ? drawn : null, single)));
            names.Add(name);
        }

        if (level.Returning && names.Count != 1)
        {
            throw new InvalidOperationException("The root of a nested create is one row.");
        }

        if (level.Linked)
        {
            AddCreatedLinks(level, rows, ids);
        }

        foreach (var relation in childRelations)
        {
            // Only children referencing the drawn key read it from the database (the one parent row's CTE, which returns
            // it, or the drawn identities by ordinal). A relation referencing another column (a unique one the input
            // sets) takes the parent row's value as a parameter, even when a sibling relation draws the key.
            var referenced = KeyPredicate.SingleColumn(relation, model, relation.Target).Referenced;
            var parentLink = drawn is null || referenced != drawn
                ? new ParentLink(relation, model, null, Existing: null)
                : single is null
                    ? new ParentLink(relation, model, ids, Existing: null)
                    : new ParentLink(relation, model, null, new SqlSelectStatement { Items = [new SqlSelectItem(new SqlColumnExpression(names[0], single.ColumnName), "k")], From = new SqlTableReference(names[0]) }, names[0]);
            var all = level.Items.Select((item, index) => (item, index))
                .SelectMany(p => p.item.Writes.Where(w => w.Relation == relation).Select(w => (w, p.index, (Item?)p.item)))
                .ToList();
            AddChildren(all, parentLink, rows, database);
        }

        return names;
    }

    private void AddChildren(RelationWrites writes, ParentLink link, List<RowCollector> parentRows, LinqDatabase database) =>
        AddChildren([(writes, 0, null)], link, parentRows, database);

    private void AddChildren(List<(RelationWrites Writes, int ParentOrdinal, Item? Parent)> all, ParentLink link, List<RowCollector> parentRows, LinqDatabase database)
    {
        var relation = link.Relation;
        var child = relation.Target;
        var (foreignKey, referenced) = KeyPredicate.SingleColumn(relation, link.ParentModel, child);
        if (relation.JoinTable is { } join)
        {
            AddLinks(all, link, join, referenced, parentRows, database);
            return;
        }

        var creates = new List<Item>();
        var bulk = new List<Item>();
        var skipDuplicates = false;
        foreach (var (writes, parentOrdinal, parent) in all)
        {
            foreach (var input in writes.Create)
            {
                EnsureNoCycle(input, parent, child);
                creates.Add(new Item(input, parentOrdinal, parent, RelationCollector.Of(database, input)));
            }

            foreach (var input in writes.CreateMany)
            {
                if (RelationCollector.Of(database, input).Count > 0)
                {
                    throw new ArgumentException($"CreateMany under '{link.ParentModel.Name}.{relation.PropertyName}' cannot carry nested writes; use Create.");
                }

                bulk.Add(new Item(input, parentOrdinal, parent, []));
            }

            skipDuplicates |= writes.SkipDuplicates;
            foreach (var where in writes.Connect)
            {
                var name = Name("connect");
                _ctes.Add(new SqlCommonTableExpression(name,
                    Attach(child, foreignKey, WhileParentExists(link.Existing, KeyPredicate.Build(child, where, "t")), ParentKey(link, referenced, parentOrdinal, parentRows))));
                Checks.Add(new WriteCheck(name, child.Name, "connect"));
            }

            foreach (var (where, create) in writes.ConnectOrCreate)
            {
                if (RelationCollector.Of(database, create).Count > 0)
                {
                    throw new ArgumentException($"ConnectOrCreate under '{link.ParentModel.Name}.{relation.PropertyName}' cannot carry nested writes in its create data.");
                }

                var attached = Name("connect");
                _ctes.Add(new SqlCommonTableExpression(attached,
                    Attach(child, foreignKey, WhileParentExists(link.Existing, KeyPredicate.Build(child, where, "t")), ParentKey(link, referenced, parentOrdinal, parentRows))));
                _ctes.Add(new SqlCommonTableExpression(Name("create"),
                    CreateUnlessAttached(child, create, foreignKey, ParentKey(link, referenced, parentOrdinal, parentRows), attached, link.Existing)));
            }
        }

        if (creates.Count > 0)
        {
            AddLevel(new Level(child, creates, link, SkipDuplicates: false, Returning: false), database);
        }

        if (bulk.Count > 0)
        {
            AddLevel(new Level(child, bulk, link, skipDuplicates, Returning: false), database);
        }
    }

    private static void EnsureNoCycle(ICreateInput input, Item? parent, ModelMetadata model)
    {
        for (var ancestor = parent; ancestor is not null; ancestor = ancestor.Parent)
        {
            if (ReferenceEquals(ancestor.Input, input))
            {
                throw new ArgumentException($"The nested create has a cycle: a '{model.Name}' input contains itself.");
            }
        }
    }

    // SELECT nextval(pg_get_serial_sequence(table, column))::type AS "k", "o" FROM generate_series(1, n) AS "g"("o")
    // Under an existing parent (a nested update) only while it exists: the level's rows join it, so a missing parent
    // inserts none of them, and their children, which join these identities, must not reference rows that were never
    // inserted (a foreign key violation instead of the update's own "parent not found").
    private static SqlSelectStatement DrawIdentities(ModelMetadata model, ColumnMetadata column, int count, NestedCreateRecording? recording,
        SqlSelectStatement? existingParent)
    {
        var table = Constant(recording, new SqlParameter<string>(Sql.Rendering.Identifier.Quote(model.TableName), "text"));
        var name = Constant(recording, new SqlParameter<string>(column.ColumnName, "text"));
        var rows = Constant(recording, new SqlParameter<int>(count, "integer"));
        var next = new SqlCastExpression(new SqlFunctionExpression("nextval", new SqlFunctionExpression("pg_get_serial_sequence", table, name)), column.StoreType);
        return new SqlSelectStatement
        {
            Items = [new SqlSelectItem(next, "k"), new SqlSelectItem(new SqlColumnExpression("g", "o"))],
            From = new SqlFunctionTable(new SqlFunctionExpression("generate_series", SqlLiteralExpression.Integer(1), rows), "g", ["o"]),
            Where = existingParent is null ? null : new SqlExistsExpression(existingParent),
        };
    }

    private SqlInsertStatement InsertGroup(Level level, List<int> members, List<RowCollector> rows, ulong nulls, string? ids, ColumnMetadata? drawn, ColumnMetadata? returnKey)
    {
        var model = level.Model;
        var columns = rows[members[0]].Ordinals.Select(o => model.Columns[o]).ToList();
        var source = "u";
        var targetColumns = columns.Select(c => c.ColumnName).ToList();
        var joins = new List<SqlJoin>();
        SqlTableReference? parentRow = null;

        // A column NULL in every row of the level that sets it is written as NULL::type: no parameter (and no array of
        // NULLs) to send, and the same stored value. Unnest needs one array to count the rows, so it keeps the first.
        var literal = columns.Select(c => c.Ordinal < 64 && (nulls & (1UL << c.Ordinal)) != 0).ToList();
        var names = new List<string>();
        var selected = new List<SqlExpression>();

        // The member's ordinal in its level (joins the drawn identities) and its parent's ordinal (joins the parent's).
        // A foreign key given by the parent's input (Column set) is the parent row's Referenced column.
        var extra = new List<(string Name, Func<int, object?> Value, ColumnMetadata? Column, ColumnMetadata? Referenced)>();
        var extraSelected = new List<SqlExpression>();
        if (ids is not null && drawn is not null)
        {
            extra.Add(("o", i => i + 1, null, null));
            joins.Add(new SqlJoin(SqlJoinKind.Inner, new SqlTableReference(ids, "i"), Equal(new SqlColumnExpression("i", "o"), new SqlColumnExpression(source, "o"))));
            targetColumns.Add(drawn.ColumnName);
            extraSelected.Add(new SqlColumnExpression("i", "k"));
        }

        if (level.Link is { } link && !level.Linked)
        {
            var (foreignKey, referenced) = KeyPredicate.SingleColumn(link.Relation, link.ParentModel, model);
            targetColumns.Add(foreignKey.ColumnName);
            if (link.ParentCte is { } parentCte)
            {
                // The one parent row just inserted: every child row pairs with it.
                parentRow = new SqlTableReference(parentCte, "p");
                extraSelected.Add(new SqlColumnExpression("p", referenced.ColumnName));
            }
            else if (link.Existing is { } existing)
            {
                joins.Add(new SqlJoin(SqlJoinKind.Inner, new SqlDerivedTable(existing, "p"), SqlLiteralExpression.True));
                extraSelected.Add(new SqlColumnExpression("p", "k"));
            }
            else if (link.IdsCte is { } parentIds)
            {
                extra.Add(("po", i => level.Items[i].ParentOrdinal + 1, null, null));
                joins.Add(new SqlJoin(SqlJoinKind.Inner, new SqlTableReference(parentIds, "pi"), Equal(new SqlColumnExpression("pi", "o"), new SqlColumnExpression(source, "po"))));
                extraSelected.Add(new SqlColumnExpression("pi", "k"));
            }
            else
            {
                // The parent's key was given in its input: send it with the child's own values.
                extra.Add(("fk", i => ParentValue(level.Items[i], referenced), foreignKey, referenced));
                extraSelected.Add(new SqlColumnExpression(source, "fk"));
            }
        }

        // One row goes as VALUES of typed parameters (no arrays to build); so do array columns, which unnest would flatten.
        var arrays = members.Count > 1 && !columns.Any(c => c.StoreType.EndsWith("[]", StringComparison.Ordinal));
        var direct = members.Count == 1 && joins.Count == 0;
        if (!direct && extra.Count == 0 && literal.Count > 0 && literal.All(l => l))
        {
            // unnest counts rows by its arrays and VALUES needs a column: keep one column a parameter.
            literal[0] = false;
        }

        for (var i = 0; i < columns.Count; i++)
        {
            if (literal[i])
            {
                selected.Add(new SqlCastExpression(SqlLiteralExpression.Null, columns[i].StoreType));
            }
            else
            {
                names.Add("c" + names.Count);
                selected.Add(new SqlColumnExpression(source, names[^1]));
            }
        }

        var valued = Enumerable.Range(0, columns.Count).Where(i => !literal[i]).Select(i => columns[i]).ToList();
        var returning = level.Returning ? [.. model.Columns.Select(c => new SqlSelectItem(new SqlColumnExpression(null, c.ColumnName)))]
            : returnKey is not null ? [new SqlSelectItem(new SqlColumnExpression(null, returnKey.ColumnName))] : new List<SqlSelectItem>();
        if (!arrays)
        {
            var valueRows = members.Select(m => (IReadOnlyList<SqlExpression>)[
                .. valued.Select(c => Record(Cast(new BoxedValueParameter(rows[m][c.Ordinal], c.StoreType)),
                    r => NestedValueSource.Cell(r.IndexOf(rows[m]), c.Ordinal, c.StoreType))),
                .. extra.Select(e => e.Column is { } col
                    ? Record(Cast(new BoxedValueParameter(e.Value(m), col.StoreType)),
                        r => NestedValueSource.Cell(ParentIndex(r, level.Items[m]), e.Referenced!.Ordinal, col.StoreType))
                    : Record(Cast(new SqlParameter<int>((int)e.Value(m)!, "integer")), null)),
            ]).ToList();

            if (direct)
            {
                // One row needs no derived table: its values go straight into the insert, or into a select from its parent row.
                var row = new List<SqlExpression>(selected.Count + extraSelected.Count);
                var next = 0;
                for (var i = 0; i < columns.Count; i++)
                {
                    row.Add(literal[i] ? selected[i] : valueRows[0][next++]);
                }

                for (var i = 0; i < extra.Count; i++)
                {
                    row.Add(valueRows[0][next++]);
                }

                if (extra.Count > 0)
                {
                    // Only a given foreign key ("fk") is in extra here: its value is the last of the row; drop its column reference.
                    extraSelected.RemoveAt(extraSelected.Count - 1);
                }

                row.AddRange(extraSelected);
                return new SqlInsertStatement
                {
                    Table = new SqlTableReference(model.TableName),
                    Columns = targetColumns,
                    Rows = parentRow is null ? [row] : [],
                    Source = parentRow is null ? null : new SqlSelectStatement { Items = [.. row.Select(e => new SqlSelectItem(e))], From = parentRow },
                    OnConflictDoNothing = level.SkipDuplicates,
                    Returning = returning,
                };
            }

            return Insert(new SqlValuesTable(valueRows, source, [.. names, .. extra.Select(e => e.Name)]));
        }

        var arguments = new List<SqlExpression>();
        foreach (var column in valued)
        {
            arguments.Add(Record(ArraySlot(column.ClrType, column.StoreType, members.Select(m => rows[m][column.Ordinal])),
                r => NestedValueSource.Column(column.ClrType, [.. members.Select(m => r.IndexOf(rows[m]))], column.Ordinal, column.StoreType + "[]")));
        }

        foreach (var (_, value, column, referenced) in extra)
        {
            arguments.Add(column is null
                ? Record(ArraySlot(typeof(int), "integer", members.Select(m => value(m))), null)
                : Record(ArraySlot(column.ClrType, column.StoreType, members.Select(m => value(m))),
                    r => NestedValueSource.Column(column.ClrType, [.. members.Select(m => ParentIndex(r, level.Items[m]))], referenced!.Ordinal, column.StoreType + "[]")));
        }

        return Insert(new SqlFunctionTable(new SqlFunctionExpression("unnest", arguments), source, [.. names, .. extra.Select(e => e.Name)]));

        SqlInsertStatement Insert(SqlTableSource from)
        {
            if (parentRow is not null)
            {
                joins.Add(new SqlJoin(SqlJoinKind.Cross, parentRow, SqlLiteralExpression.True));
            }

            return new SqlInsertStatement
            {
                Table = new SqlTableReference(model.TableName),
                Columns = targetColumns,
                Source = new SqlSelectStatement { Items = [.. selected.Concat(extraSelected).Select(e => new SqlSelectItem(e))], From = from, Joins = joins },
                OnConflictDoNothing = level.SkipDuplicates,
                Returning = returning,
            };
        }
    }

    private static object? ParentValue(Item item, ColumnMetadata referenced)
    {
        // The parent row's collected values were written by its own input; collect again (cheap, no I/O) to read the key.
        var parent = item.Parent ?? throw new InvalidOperationException("A nested row without its parent.");
        var row = new RowCollector();
        parent.Input.WriteTo(row);
        return row[referenced.Ordinal];
    }

    // The parent key a connect sets: the drawn identity of the parent row, its given key value, or the existing row's.
    private SqlExpression ParentKey(ParentLink link, ColumnMetadata referenced, int parentOrdinal, List<RowCollector> parentRows)
    {
        if (link.Existing is { } existing)
        {
            return new SqlScalarSubqueryExpression(existing);
        }

        if (link.IdsCte is { } ids)
        {
            var ordinal = new SqlParameter<int>(parentOrdinal + 1, "integer");
            return new SqlScalarSubqueryExpression(new SqlSelectStatement
            {
                Items = [new SqlSelectItem(new SqlColumnExpression(ids, "k"))],
                From = new SqlTableReference(ids),
                Where = Equal(new SqlColumnExpression(ids, "o"), ordinal),
            });
        }

        return Cast(new BoxedValueParameter(parentRows[parentOrdinal][referenced.Ordinal], referenced.StoreType));
    }

    // UPDATE child AS t SET fk = parent WHERE <unique key> RETURNING 1
    // Under an existing parent (a nested update), its key is a sub-select that is NULL when the parent is missing: a
    // connect must then change nothing (its check fails, and the update reports the missing parent, as every other nested
    // write does), rather than set the foreign key to NULL (a null violation on a required relation, a silent detach
    // from its own parent on an optional one).
    private static SqlExpression WhileParentExists(SqlSelectStatement? existingParent, SqlExpression where) =>
        existingParent is { } existing ? new SqlBinaryExpression(SqlBinaryOperator.And, where, new SqlExistsExpression(existing)) : where;

    private static SqlUpdateStatement Attach(ModelMetadata child, ColumnMetadata foreignKey, SqlExpression where, SqlExpression parentKey) => new()
    {
        Table = new SqlTableReference(child.TableName, "t"),
        Set = [new SqlAssignment(foreignKey.ColumnName, parentKey)],
        Where = where,
        Returning = [new SqlSelectItem(SqlLiteralExpression.Integer(1))],
    };

    // INSERT INTO child (cols, fk) SELECT $…, parent WHERE NOT EXISTS (SELECT FROM attached)
    private static SqlInsertStatement CreateUnlessAttached(ModelMetadata child, ICreateInput create, ColumnMetadata foreignKey, SqlExpression parentKey, string attached,
        SqlSelectStatement? existingParent)
    {
        var writer = new InsertValueWriter();
        create.WriteTo(writer);
        SqlExpression unlessAttached = new SqlUnaryExpression(SqlUnaryOperator.Not, new SqlExistsExpression(new SqlSelectStatement
        {
            Items = [new SqlSelectItem(SqlLiteralExpression.Integer(1))],
            From = new SqlTableReference(attached),
        }));

        // Under a missing parent nothing is created (the update reports the parent), rather than a row with a NULL key.
        var where = WhileParentExists(existingParent, unlessAttached);
        return new SqlInsertStatement
        {
            Table = new SqlTableReference(child.TableName),
            Columns = [.. writer.Columns, foreignKey.ColumnName],
            Source = new SqlSelectStatement { Items = [.. writer.Values.Select(v => new SqlSelectItem(v)), new SqlSelectItem(parentKey)], Where = where },
        };
    }

    // One array of a column's values (the row values are boxed, so the array is made without a static type), cast in the
    // text as well: unnest's result columns take their types from it.
    private static SqlExpression ArraySlot(Type clrType, string storeType, IEnumerable<object?> values) =>
        Cast(new BoxedValueParameter(ArrayConverter.FromObjects(clrType, values), storeType + "[]"));

    // $n::type: VALUES and unnest take their column types from these casts (an untyped NULL would otherwise be text).
    private static SqlExpression Cast(SqlParameterExpression parameter) => new SqlCastExpression(parameter, parameter.StoreType!);

    private static Sql.Syntax.SqlBinaryExpression Equal(SqlExpression left, SqlExpression right) => new(SqlBinaryOperator.Equal, left, right);

    private string Name(string prefix) => prefix + _names++;

    // A row's values: collected now, or (recording a cached shape) the row collected before in the same walk.
    private RowCollector Collect(ICreateInput input)
    {
        if (_recording is not null)
        {
            return _recording.Take(input);
        }

        var row = new RowCollector();
        input.WriteTo(row);
        return row;
    }

    // Notes where a cast parameter's value comes from (null: a constant of the shape) when recording; the node unchanged.
    private SqlExpression Record(SqlExpression cast, Func<NestedCreateRecording, NestedValueSource>? source)
    {
        if (_recording is { Diverged: false })
        {
            var node = (SqlParameterExpression)((SqlCastExpression)cast).Operand;
            _recording.Add(node, source is null ? NestedValueSource.Constant(node) : source(_recording));
        }

        return cast;
    }

    private static T Constant<T>(NestedCreateRecording? recording, T node) where T : SqlParameterExpression =>
        recording is null or { Diverged: true } ? node : recording.Add(node, NestedValueSource.Constant(node));

    private static int ParentIndex(NestedCreateRecording recording, Item item) =>
        recording.IndexOf((item.Parent ?? throw new InvalidOperationException("A nested row without its parent.")).Input);

    private static SqlExpression ParamCast(object? value, ColumnMetadata column) => Cast(new BoxedValueParameter(value, column.StoreType));
}
