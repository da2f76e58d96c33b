using System.Linq.Expressions;
using Linq.Modeling;
using Linq.Sql.Syntax;
using Npgsql;
using Remotion.Linq.Clauses.Expressions;

namespace Linq.Querying;

/// <summary>
/// Splits a selector into SQL and a shaper: every sub-expression that translates to SQL becomes a select
/// item read back by ordinal; a whole row becomes the generated materializer; what is left (object
/// construction, local methods over read values) runs on the client, after the rows are read.
/// </summary>
internal sealed class ProjectionBuilder
{
    private readonly TranslationContext _context;
    private readonly SqlExpressionTranslator _translator;

    private static readonly System.Reflection.MethodInfo MaterializeMethod = typeof(ProjectionBuilder).GetMethod(nameof(Materialize),
        System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!;

    private static readonly System.Reflection.MethodInfo MaterializeOptionalMethod = typeof(ProjectionBuilder).GetMethod(nameof(MaterializeOptional),
        System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!;

    private readonly System.Linq.Expressions.ParameterExpression _reader = System.Linq.Expressions.Expression.Parameter(typeof(NpgsqlDataReader), "reader");

    public ProjectionBuilder(TranslationContext context, SqlExpressionTranslator translator)
    {
        _context = context;
        _translator = translator;
    }

    public List<SelectItem> Items { get; } = [];

    public LambdaExpression Build(Expression selector)
    {
        var body = new Rewriter(this).Visit(selector)!;
        if (body.Type != selector.Type)
        {
            body = System.Linq.Expressions.Expression.Convert(body, selector.Type);
        }

        return System.Linq.Expressions.Expression.Lambda(body, _reader);
    }

    private static T Materialize<T>(ModelMetadata<T> model, NpgsqlDataReader reader, int offset) where T : class => model.Materialize(reader, offset);

    private Expression Read(SqlValue value, Type type)
    {
        var ordinal = Items.Count;
        // A C# bool is never null: a comparison that SQL leaves NULL (nullable column) is false, as in LINQ-to-Objects.
        var sql = type == typeof(bool) && value.MayBeNull ? new FunctionExpression("COALESCE", value.Sql, LiteralExpression.False) : value.Sql;
        Items.Add(new SelectItem(sql));
        return System.Linq.Expressions.Expression.Call(ValueReader.For(type), _reader, System.Linq.Expressions.Expression.Constant(ordinal));
    }

    private Expression Entity(SourceBinding binding)
    {
        var offset = Items.Count;
        foreach (var column in binding.Model.Columns)
        {
            Items.Add(new SelectItem(new ColumnExpression(binding.Alias, column.ColumnName)));
        }

        var method = (binding.Optional ? MaterializeOptionalMethod : MaterializeMethod).MakeGenericMethod(binding.Model.ClrType);
        var keyOrdinal = offset + binding.Model.PrimaryKey.Columns[0].Ordinal;
        return binding.Optional
            ? System.Linq.Expressions.Expression.Call(method, System.Linq.Expressions.Expression.Constant(binding.Model), _reader,
                System.Linq.Expressions.Expression.Constant(offset), System.Linq.Expressions.Expression.Constant(keyOrdinal))
            : System.Linq.Expressions.Expression.Call(method, System.Linq.Expressions.Expression.Constant(binding.Model), _reader,
                System.Linq.Expressions.Expression.Constant(offset));
    }

    // A row reached over an optional join is absent when its primary key is NULL.
    private static T? MaterializeOptional<T>(ModelMetadata<T> model, NpgsqlDataReader reader, int offset, int keyOrdinal) where T : class =>
        reader.IsDBNull(keyOrdinal) ? null : model.Materialize(reader, offset);

    private static bool IsScalar(Type type)
    {
        var t = Nullable.GetUnderlyingType(type) ?? type;
        return t.IsPrimitive || t.IsEnum || t == typeof(string) || t == typeof(decimal) || t == typeof(DateTime) || t == typeof(DateTimeOffset)
            || t == typeof(Guid) || t == typeof(DateOnly) || t == typeof(TimeOnly) || t == typeof(byte[]) || t.IsArray;
    }

    private sealed class Rewriter(ProjectionBuilder builder) : ExpressionVisitor
    {
        public override Expression? Visit(Expression? node)
        {
            if (node is null)
            {
                return null;
            }

            // A whole row: the query's own, or one reached over a to-one navigation (joined).
            if (builder._context.Model.Find(node.Type) is not null && builder._translator.ResolveRow(node) is { } row)
            {
                return builder.Entity(row);
            }

            if (node is MemberExpression { Expression: not null } member && builder._translator.ResolveRow(member.Expression) is { } owner
                && owner.Model.FindRelation(member.Member.Name) is { Kind: RelationKind.ToMany })
            {
                throw new QueryTranslationException(node, "loading a related collection in a projection is not supported yet.",
                    "Project an aggregate such as u.Posts.Count() for now.");
            }

            // A scalar that SQL can compute is read as one column; anything else is rebuilt around its parts.
            if (IsScalar(node.Type) && node is not ConstantExpression && builder._translator.TryTranslate(node, out var value))
            {
                return builder.Read(value!, node.Type);
            }

            return base.Visit(node);
        }

        protected override Expression VisitExtension(Expression node) =>
            throw new QueryTranslationException(node, "this part of the projection cannot be translated.");
    }
}
