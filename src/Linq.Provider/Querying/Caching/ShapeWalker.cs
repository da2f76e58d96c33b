using System.Linq.Expressions;
using System.Reflection;
using System.Runtime.CompilerServices;

namespace Linq.Querying.Caching;

/// <summary>
/// Walks a raw LINQ expression once, before any parsing, and produces (1) the shape: a token sequence that
/// is equal for two expressions exactly when they differ only in values, and (2) the values: every maximal
/// sub-tree that needs no row data (constants, closure fields, <c>DateTime.UtcNow</c>, …), evaluated in walk
/// order. The null pattern of the values is part of the shape, since <c>= $1</c> and <c>IS NULL</c> are
/// different SQL. Reused per thread: a cache hit allocates only the value array.
/// </summary>
internal sealed class ShapeWalker
{
    [ThreadStatic]
    private static ShapeWalker? _cached;

    private readonly List<long> _tokens = new(64);
    private readonly List<object?> _values = new(8);
    private readonly List<ParameterExpression> _lambdaParameters = new(4);
    private List<Expression>? _parameterNodes;
    private int _depth;

    public static ShapeWalker Rent()
    {
        var walker = _cached ?? new ShapeWalker();
        _cached = null;
        walker.Reset();
        return walker;
    }

    private void Reset()
    {
        _tokens.Clear();
        _values.Clear();
        _lambdaParameters.Clear();
        _parameterNodes = null;
        _depth = 0;
    }

    /// <summary>
    /// Walks the expression for its shape and values. A tree too deep to walk safely (long <c>||</c>/<c>&amp;&amp;</c>
    /// chains from a predicate builder) has its chains balanced first, and <paramref name="expression"/> is replaced
    /// by the balanced tree, which the rest of the pipeline then reads; a tree still too deep is refused.
    /// </summary>
    /// <exception cref="QueryTranslationException">The tree nests too deep even after balancing.</exception>
    public void WalkBalanced<TExpression>(ref TExpression expression)
        where TExpression : Expression
    {
        try
        {
            Walk(expression, collectNodes: false);
        }
        catch (ExpressionDepth.TooDeepException)
        {
            Reset();
            expression = (TExpression)ChainBalancer.Balance(expression);
            try
            {
                Walk(expression, collectNodes: false);
            }
            catch (ExpressionDepth.TooDeepException)
            {
                throw ExpressionDepth.Refusal();
            }
        }
    }

    public static void Return(ShapeWalker walker) => _cached = walker;

    /// <summary>The sub-trees of <paramref name="expression"/> whose values become parameters, in walk order (cache miss only).</summary>
    public static List<Expression> CollectParameterNodes(Expression expression)
    {
        var walker = Rent();
        try
        {
            walker.Walk(expression, collectNodes: true);
            return walker.ParameterNodes;
        }
        finally
        {
            Return(walker);
        }
    }

    public ReadOnlySpan<long> Shape => System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_tokens);

    public int ValueCount => _values.Count;

    /// <summary>Walks the expression. With <paramref name="collectNodes"/> the parameter sub-trees are recorded (cache miss only).</summary>
    public void Walk(Expression expression, bool collectNodes)
    {
        _parameterNodes = collectNodes ? [] : null;
        Visit(expression);
        AddValueTokens();
    }

    /// <summary>
    /// Walks <see cref="FirstOfWhere.ToExpression"/> without making it: the same tokens and values as <see cref="Walk"/>
    /// over that tree (the two operator calls, the quote, then the source and the predicate as they are). False when the
    /// predicate is too deep for the walk: the caller then walks the tree itself, which balances long chains.
    /// </summary>
    public bool TryWalkFirstOfWhere(in FirstOfWhere query)
    {
        _parameterNodes = null;
        try
        {
            // Visit's depth count for the three synthetic levels; neither call nor the quote is ever a value (Evaluability).
            _depth += 3;
            AddCallStart(query.First);
            _tokens.Add(1);
            AddCallStart(query.Where);
            _tokens.Add(2);
            Visit(query.Source);
            _tokens.Add((long)ExpressionType.Quote);
            _tokens.Add(TypeToken(query.QuotedType));
            _tokens.Add(MethodToken(null));
            Visit(query.Predicate);
            _depth -= 3;
            AddValueTokens();
            return true;
        }
        catch (ExpressionDepth.TooDeepException)
        {
            Reset();
            return false;
        }
    }

    // What VisitStructure writes for a static operator call up to its argument count (a static call has no object).
    private void AddCallStart(MethodInfo method)
    {
        _tokens.Add((long)ExpressionType.Call);
        _tokens.Add(TypeToken(method.ReturnType));
        _tokens.Add(MethodToken(method));
        _tokens.Add(Token.Absent);
    }

    private void AddValueTokens()
    {
        foreach (var value in _values)
        {
            _tokens.Add(ValueToken(value));
        }
    }

    /// <summary>The shape token of one value (the shape ends with one per value, in value order).</summary>
    // A captured table and a captured query over one translate differently (only the table is a join's rows).
    public static long ValueToken(object? value) =>
        value is null ? Token.Null : value is IQueryable && !QueryParameterExpression.IsTable(value) ? Token.Query : Token.NotNull;

    /// <summary>Sets the shape apart as a FindUniqueAsync lookup (its plan is built only after the unique-key check).</summary>
    public void MarkUniqueLookup() => _tokens.Add(Token.UniqueLookup);

    public object?[] TakeValues() => _values.Count == 0 ? [] : System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_values).ToArray();

    public List<Expression> ParameterNodes => _parameterNodes ?? throw new InvalidOperationException("Nodes were not collected.");

    private void Visit(Expression? node)
    {
        if (node is null)
        {
            _tokens.Add(Token.Absent);
            return;
        }

        // A counter, not try/finally: any exception abandons the walk, and Rent resets it.
        if (++_depth > ExpressionDepth.Limit || ((_depth & 31) == 0 && !ExpressionDepth.HasStack()))
        {
            throw ExpressionDepth.TooDeep();
        }

        if (Evaluability.IsEvaluatable(node))
        {
            AddParameter(node);
        }
        else
        {
            VisitStructure(node);
        }

        _depth--;
    }

    // Collections by index throughout: foreach over an expression's ReadOnlyCollection makes an enumerator object, per
    // node, per execution (the tree is new each time).
    private void VisitStructure(Expression node)
    {
        _tokens.Add((long)node.NodeType);
        _tokens.Add(TypeToken(node.Type));
        switch (node)
        {
            case ConstantExpression constant:
                ShapeConstant(constant);
                break;
            case ParameterExpression parameter:
                var ordinal = _lambdaParameters.IndexOf(parameter);
                if (ordinal < 0)
                {
                    throw new QueryTranslationException(parameter, "the parameter is not declared by an enclosing lambda.");
                }

                _tokens.Add(ordinal);
                break;
            case LambdaExpression lambda:
                // By index: Parameters makes a collection per lambda, per execution.
                var parameterCount = LambdaParameters.Count(lambda);
                _tokens.Add(parameterCount);
                for (var i = 0; i < parameterCount; i++)
                {
                    var declared = LambdaParameters.Get(lambda, i);
                    _lambdaParameters.Add(declared);
                    _tokens.Add(TypeToken(declared.Type));
                }

                Visit(lambda.Body);
                break;
            case UnaryExpression unary:
                _tokens.Add(MethodToken(unary.Method));
                Visit(unary.Operand);
                break;
            case BinaryExpression binary:
                _tokens.Add(MethodToken(binary.Method));
                _tokens.Add(binary.IsLiftedToNull ? 1 : 0);
                Visit(binary.Left);
                Visit(binary.Right);
                Visit(binary.Conversion);
                break;
            case MemberExpression member:
                AddMember(member.Member);
                Visit(member.Expression);
                break;
            case MethodCallExpression call:
                Operators.EnsureSupported(call);
                _tokens.Add(MethodToken(call.Method));
                Visit(call.Object);
                VisitArguments(call);
                break;
            case ConditionalExpression conditional:
                Visit(conditional.Test);
                Visit(conditional.IfTrue);
                Visit(conditional.IfFalse);
                break;
            case NewExpression @new:
                _tokens.Add(@new.Constructor is null ? 0 : MethodToken(@new.Constructor));
                VisitArguments(@new);
                if (@new.Members is { } members)
                {
                    for (var i = 0; i < members.Count; i++)
                    {
                        AddMember(members[i]);
                    }
                }

                break;
            case MemberInitExpression init:
                // The 'new' of an initializer is structure, never a value, even when it takes no row data.
                VisitStructure(init.NewExpression);
                var bindings = init.Bindings;
                _tokens.Add(bindings.Count);
                for (var i = 0; i < bindings.Count; i++)
                {
                    var binding = bindings[i];
                    if (binding is not MemberAssignment assignment)
                    {
                        throw new QueryTranslationException(init, "only member assignments are supported in object initializers.");
                    }

                    AddMember(assignment.Member);
                    Visit(assignment.Expression);
                }

                break;
            case NewArrayExpression array:
                VisitAll(array.Expressions);
                break;
            case ListInitExpression list:
                VisitStructure(list.NewExpression);
                var initializers = list.Initializers;
                for (var i = 0; i < initializers.Count; i++)
                {
                    _tokens.Add(MethodToken(initializers[i].AddMethod));
                    VisitAll(initializers[i].Arguments);
                }

                break;
            case TypeBinaryExpression typeBinary:
                _tokens.Add(TypeToken(typeBinary.TypeOperand));
                Visit(typeBinary.Expression);
                break;
            case InvocationExpression invocation:
                Visit(invocation.Expression);
                VisitAll(invocation.Arguments);
                break;
            case DefaultExpression:
                break;
            default:
                throw new QueryTranslationException(node, $"the expression kind '{node.NodeType}' is not supported in queries.");
        }
    }

    // Through IArgumentProvider: a call's or constructor's Arguments collection is made on first access, per node, and
    // a query's expression is new on every execution.
    private void VisitArguments(IArgumentProvider node)
    {
        var count = node.ArgumentCount;
        _tokens.Add(count);
        for (var i = 0; i < count; i++)
        {
            Visit(node.GetArgument(i));
        }
    }

    private void VisitAll(IReadOnlyList<Expression> nodes)
    {
        _tokens.Add(nodes.Count);
        for (var i = 0; i < nodes.Count; i++)
        {
            Visit(nodes[i]);
        }
    }

    // Constants that are not values: the table a query starts from, and arguments that choose the SQL
    // (a StringComparison picks '=' or a case-insensitive comparison).
    private void ShapeConstant(ConstantExpression constant)
    {
        switch (constant.Value)
        {
            case IQueryable queryable:
                _tokens.Add(TypeToken(queryable.ElementType));
                break;
            case Enum e:
                _tokens.Add(Convert.ToInt64(e, System.Globalization.CultureInfo.InvariantCulture));
                break;
            case null:
                _tokens.Add(Token.Null);
                break;
            default:
                throw new QueryTranslationException(constant, "this constant cannot be part of a query's shape.");
        }
    }

    private void AddParameter(Expression node)
    {
        _tokens.Add(Token.Parameter);
        _tokens.Add(TypeToken(node.Type));
        _values.Add(Evaluator.Evaluate(node));
        _parameterNodes?.Add(node);
    }

    private static long TypeToken(Type type) => type.TypeHandle.Value;

    private static long MethodToken(MethodBase? method) => method is null ? 0 : method.MethodHandle.Value;

    // A member is identified by its declaring type (unique per instantiation) and, within it, by its metadata token. A
    // NativeAOT program has no metadata tokens (MetadataToken throws), so there the runtime handle stands in: a field's,
    // or its accessor's for a property. The check is a constant for the JIT, which keeps the cheaper token read.
    private void AddMember(MemberInfo member)
    {
        _tokens.Add(member.DeclaringType?.TypeHandle.Value ?? 0);
        _tokens.Add(RuntimeFeature.IsDynamicCodeSupported ? member.MetadataToken : MemberHandle(member));
    }

    private static long MemberHandle(MemberInfo member) => member switch
    {
        FieldInfo field => field.FieldHandle.Value,
        PropertyInfo property => MethodToken(property.GetMethod ?? property.SetMethod),
        MethodBase method => MethodToken(method),
        _ => throw new QueryTranslationException(null, $"the member '{member.Name}' ({member.MemberType}) is not supported in queries."),
    };

    private static class Token
    {
        public const long Absent = -1;
        public const long Parameter = -2;
        public const long Null = -3;
        public const long NotNull = -4;
        public const long Query = -5;
        public const long UniqueLookup = -6;
    }
}
