using System.Linq.Expressions;
using System.Reflection;
using Linq.Contract;
using Linq.Querying.Relations;
using Linq.Sql.Syntax;
using Npgsql;

namespace Linq.Querying.Shaping;

/// <summary>The top level: select items read by ordinal from the <see cref="NpgsqlDataReader"/>.</summary>
internal sealed class RowSink(StrategyChoice? strategies = null) : IProjectionSink
{
    // Taken from an expression tree (ldtoken), not looked up by name: NativeAOT keeps it invocable.
    private static readonly MethodInfo ReadColumnMethod =
        ((MethodCallExpression)((Expression<Func<NpgsqlDataReader, int, JsonValueReader, object?>>)((r, o, j) => RelationJson.ReadColumn(r, o, j))).Body).Method;

    private static readonly MethodInfo ApplyMethod =
        ((MethodCallExpression)((Expression<Func<object?, NpgsqlDataReader, IncludeColumn[], object?>>)((e, r, i) => RelationJson.Apply(e, r, i))).Body).Method;

    public ParameterExpression Input { get; } = Expression.Parameter(typeof(NpgsqlDataReader), "reader");

    public List<SqlSelectItem> Items { get; } = [];

    /// <summary>Includes of the row left to follow-up statements (<see cref="LoadStrategy.Query"/>).</summary>
    public List<IncludeNode> Deferred { get; } = [];

    // The read of a whole row from ordinal 0 with nothing loaded into it, when the sink made one.
    private (Expression Read, ModelMetadata Model)? _plainRow;

    /// <summary>
    /// The model's own row reader when <paramref name="shaper"/> is just the read of a whole row from ordinal 0 (a query
    /// returning the rows themselves): no expression needs compiling, or interpreting under NativeAOT.
    /// </summary>
    public Delegate? DirectShaper(Expression shaper) =>
        _plainRow is { } plain && ReferenceEquals(plain.Read, shaper) ? plain.Model.RowReader : null;

    public Expression Scalar(SqlValue value, Type type)
    {
        var ordinal = Items.Count;
        // A C# bool is never null: a comparison that SQL leaves NULL (nullable column) is false, as in LINQ-to-Objects.
        var sql = type == typeof(bool) && value.MayBeNull ? new SqlFunctionExpression("COALESCE", value.Sql, SqlLiteralExpression.False) : value.Sql;
        Items.Add(new SqlSelectItem(sql));
        return ValueReader.Read(Input, ordinal, type);
    }

    public Expression NonEmpty(SqlValue value, Type type)
    {
        var ordinal = Items.Count;
        Items.Add(new SqlSelectItem(value.Sql));
        return ScalarType.Get(type).ReadNonEmpty(Input, ordinal);
    }

    /// <summary>A PostgreSQL array of <paramref name="element"/> values, read as a <c>List&lt;T&gt;</c> or a <c>T[]</c> (NULL: empty).</summary>
    public Expression Elements(SqlExpression sql, ScalarType element, bool asArray)
    {
        var ordinal = Items.Count;
        Items.Add(new SqlSelectItem(sql));
        return element.ReadElements(Input, ordinal, asArray);
    }

    public Expression Json(SqlExpression sql, JsonValueReader reader, Type type)
    {
        var ordinal = Items.Count;
        Items.Add(new SqlSelectItem(sql));
        var read = Expression.Call(ReadColumnMethod, Input, Expression.Constant(ordinal),
            Expression.Constant(reader, typeof(JsonValueReader)));
        return Expression.Convert(read, type);
    }

    /// <summary>
    /// A whole row from computed values, one per column in the model's order (a group's element); null when
    /// <paramref name="optional"/> and the key is NULL.
    /// </summary>
    public Expression Entity(ModelMetadata model, IReadOnlyList<SqlExpression> columns, bool optional)
    {
        var offset = Items.Count;
        Items.AddRange(columns.Select(c => new SqlSelectItem(c)));
        var keyOrdinal = optional && model.PrimaryKey.Columns.Count > 0 ? offset + model.PrimaryKey.Columns[0].Ordinal : (int?)null;
        return model.MaterializeExpression(Input, offset, keyOrdinal);
    }

    public Expression Entity(SourceBinding row, IncludeNode? includes, RelationTranslator relations)
    {
        var offset = Items.Count;
        foreach (var column in row.Model.Columns)
        {
            Items.Add(new SqlSelectItem(new SqlColumnExpression(row.Alias, column.ColumnName)));
        }

        // The generated metadata builds the read, closed over the model type (no generic method is made at run time).
        var keyOrdinal = row.Optional ? offset + row.Model.PrimaryKey.Columns[0].Ordinal : (int?)null;
        var entity = row.Model.MaterializeExpression(Input, offset, keyOrdinal);

        if (includes is null || includes.Children.Count == 0)
        {
            if (offset == 0 && keyOrdinal is null)
            {
                _plainRow = (entity, row.Model);
            }

            return entity;
        }

        var columns = new List<IncludeColumn>();
        foreach (var include in includes.Children)
        {
            if (strategies?.For(row.Model, include) == LoadStrategy.Query)
            {
                Deferred.Add(include);
                continue;
            }

            var navigation = row.Model.FindRelation(include.Navigation);
            if (navigation is { Kind: RelationKind.ToMany, Setter: not null } && include.Children.Count == 0 && navigation.Target.SupportsColumnArrays)
            {
                // A leaf collection: one array per column, read straight into the entities.
                columns.Add(new IncludeColumn(navigation, Items.Count, null));
                Items.AddRange(relations.ColumnArrays(row, navigation, include).Select(c => new SqlSelectItem(c)));
                continue;
            }

            var (relation, value, reader) = relations.Include(row, include);
            columns.Add(new IncludeColumn(relation, Items.Count, reader));
            Items.Add(new SqlSelectItem(value));
        }

        if (columns.Count == 0 && offset == 0 && keyOrdinal is null)
        {
            _plainRow = (entity, row.Model);
        }

        return columns.Count == 0
            ? entity
            : Expression.Convert(Expression.Call(ApplyMethod, entity, Input, Expression.Constant(columns.ToArray())), row.Model.ClrType);
    }
}
