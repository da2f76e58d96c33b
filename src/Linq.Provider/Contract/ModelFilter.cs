using System.Linq.Expressions;
using System.Reflection;

namespace Linq.Contract;

/// <summary>The filter types of a client's extensions (nested: they are not public surface).</summary>
public sealed partial class ClientExtensions
{
    /// <summary>
    /// One global filter of a client (<c>x.Filter&lt;Post&gt;(p =&gt; p.DeletedAt == null)</c>), with the expression
    /// builders its model type needs. The generic subclass is instantiated by the typed registration, so the
    /// <c>Where</c>/<c>Count</c>/<c>ToList</c> methods are closed at compile time (no generic method is made at run time).
    /// </summary>
    internal abstract class ModelFilter(Type model, LambdaExpression predicate)
    {
        public Type Model { get; } = model;

        public LambdaExpression Predicate { get; } = predicate;

        /// <summary><c>Table&lt;T&gt;</c> of the model: how a table is recognized in a query's tree.</summary>
        public abstract Type TableType { get; }

        /// <summary><c>Queryable.Where(source, predicate)</c> over a table or query of the model.</summary>
        public abstract Expression WhereQueryable(Expression source);

        /// <summary><c>Enumerable.Where(source, predicate)</c> over a collection navigation of the model.</summary>
        public abstract Expression WhereEnumerable(Expression source);

        /// <summary><c>Enumerable.ToList(source)</c>: a filtered navigation where the navigation itself was projected.</summary>
        public abstract Expression ToList(Expression source);

        /// <summary><c>Enumerable.Count(source)</c>: a filtered navigation's <c>.Count</c> property.</summary>
        public abstract Expression Count(Expression source);

        /// <summary>This filter and <paramref name="other"/> (on the same model) both.</summary>
        public abstract ModelFilter And(ModelFilter other);
    }

    /// <summary>A global filter over model <typeparamref name="T"/>.</summary>
    internal sealed class ModelFilter<T>(Expression<Func<T, bool>> predicate) : ModelFilter(typeof(T), predicate)
        where T : class, IModel<T>
    {
        private static readonly MethodInfo QueryableWhere = new Func<IQueryable<T>, Expression<Func<T, bool>>, IQueryable<T>>(Queryable.Where).Method;
        private static readonly MethodInfo EnumerableWhere = new Func<IEnumerable<T>, Func<T, bool>, IEnumerable<T>>(Enumerable.Where).Method;
        private static readonly MethodInfo EnumerableToList = new Func<IEnumerable<T>, List<T>>(Enumerable.ToList).Method;
        private static readonly MethodInfo EnumerableCount = new Func<IEnumerable<T>, int>(Enumerable.Count).Method;

        public new Expression<Func<T, bool>> Predicate { get; } = predicate;

        public override Type TableType => typeof(Table<T>);

        public override Expression WhereQueryable(Expression source) => Expression.Call(QueryableWhere, source, Expression.Quote(Predicate));

        public override Expression WhereEnumerable(Expression source) => Expression.Call(EnumerableWhere, source, Predicate);

        public override Expression ToList(Expression source) => Expression.Call(EnumerableToList, source);

        public override Expression Count(Expression source) => Expression.Call(EnumerableCount, source);

        public override ModelFilter And(ModelFilter other)
        {
            var second = ((ModelFilter<T>)other).Predicate;
            var parameter = Predicate.Parameters[0];
            var body = Expression.AndAlso(Predicate.Body, new Substitution(second.Parameters[0], parameter).Visit(second.Body));
            return new ModelFilter<T>(Expression.Lambda<Func<T, bool>>(body, parameter));
        }

        private sealed class Substitution(ParameterExpression from, Expression to) : ExpressionVisitor
        {
            protected override Expression VisitParameter(ParameterExpression node) => node == from ? to : node;
        }
    }
}
