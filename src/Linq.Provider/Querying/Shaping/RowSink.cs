using System.Linq.Expressions;
using System.Reflection;
using Linq.Contract;
using Linq.Querying.Relations;
using Linq.Sql.Syntax;
using Npgsql;

namespace Linq.Querying.Shaping;

/// <summary>The top level: select items read by ordinal from the <see cref="NpgsqlDataReader"/>.</summary>
internal sealed class RowSink(LoadStrategy defaultStrategy = LoadStrategy.Join) : IProjectionSink
{
    private static readonly MethodInfo MaterializeMethod = typeof(RowSink).GetMethod(nameof(Materialize), BindingFlags.NonPublic | BindingFlags.Static)!;
    private static readonly MethodInfo MaterializeOptionalMethod = typeof(RowSink).GetMethod(nameof(MaterializeOptional), BindingFlags.NonPublic | BindingFlags.Static)!;
    private static readonly MethodInfo ApplyMethod = typeof(RelationJson).GetMethod(nameof(RelationJson.Apply))!;
    private static readonly MethodInfo ReadColumnMethod = typeof(RelationJson).GetMethod(nameof(RelationJson.ReadColumn))!;

    public ParameterExpression Input { get; } = Expression.Parameter(typeof(NpgsqlDataReader), "reader");

    public List<SqlSelectItem> Items { get; } = [];

    /// <summary>Includes of the row left to follow-up statements (<see cref="LoadStrategy.Query"/>).</summary>
    public List<IncludeNode> Deferred { get; } = [];

    public Expression Scalar(SqlValue value, Type type)
    {
        var ordinal = Items.Count;
        // A C# bool is never null: a comparison that SQL leaves NULL (nullable column) is false, as in LINQ-to-Objects.
        var sql = type == typeof(bool) && value.MayBeNull ? new SqlFunctionExpression("COALESCE", value.Sql, SqlLiteralExpression.False) : value.Sql;
        Items.Add(new SqlSelectItem(sql));
        return Expression.Call(ValueReader.For(type), Input, Expression.Constant(ordinal));
    }

    public Expression Json(SqlExpression sql, JsonValueReader reader, Type type)
    {
        var ordinal = Items.Count;
        Items.Add(new SqlSelectItem(sql));
        var read = Expression.Call(ReadColumnMethod, Input, Expression.Constant(ordinal),
            Expression.Constant(reader, typeof(JsonValueReader)));
        return Expression.Convert(read, type);
    }

    public Expression Entity(SourceBinding row, IncludeNode? includes, RelationTranslator relations)
    {
        var offset = Items.Count;
        foreach (var column in row.Model.Columns)
        {
            Items.Add(new SqlSelectItem(new SqlColumnExpression(row.Alias, column.ColumnName)));
        }

        Expression entity;
        if (row.Optional)
        {
            var keyOrdinal = offset + row.Model.PrimaryKey.Columns[0].Ordinal;
            entity = Expression.Call(MaterializeOptionalMethod.MakeGenericMethod(row.Model.ClrType),
                Expression.Constant(row.Model), Input, Expression.Constant(offset),
                Expression.Constant(keyOrdinal));
        }
        else
        {
            entity = Expression.Call(MaterializeMethod.MakeGenericMethod(row.Model.ClrType),
                Expression.Constant(row.Model), Input, Expression.Constant(offset));
        }

        if (includes is null || includes.Children.Count == 0)
        {
            return entity;
        }

        var columns = new List<IncludeColumn>();
        foreach (var include in includes.Children)
        {
            if ((include.Strategy ?? defaultStrategy) == LoadStrategy.Query)
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

        return columns.Count == 0
            ? entity
            : Expression.Call(ApplyMethod.MakeGenericMethod(row.Model.ClrType), entity, Input,
                Expression.Constant(columns.ToArray()));
    }

    private static T Materialize<T>(ModelMetadata<T> model, NpgsqlDataReader reader, int offset) where T : class => model.Materialize(reader, offset);

    // A row reached over an optional join is absent when its primary key is NULL.
    private static T? MaterializeOptional<T>(ModelMetadata<T> model, NpgsqlDataReader reader, int offset, int keyOrdinal) where T : class =>
        reader.IsDBNull(keyOrdinal) ? null : model.Materialize(reader, offset);
}
