using System.Linq.Expressions;
using Linq.Querying.Caching;

namespace Linq.Querying.Compiled;

/// <summary>
/// Finds where a compiled query's arguments end up among the values of its tree: each must be a value of its own (the
/// argument as it is, or widened to the column's type), never part of a value computed on the client (<c>email.Trim()</c>,
/// <c>page * size</c>), which a compiled query cannot recompute per call without evaluating the tree again.
/// </summary>
internal static class ArgumentUseCheck
{
    /// <summary>The argument <paramref name="node"/> stands for (and the conversion to apply), or null when it holds none.</summary>
    /// <exception cref="QueryTranslationException">The value holds an argument inside a computation.</exception>
    public static (int Argument, Type? ConvertTo)? Classify(Expression node, IReadOnlyList<Expression> slots, IReadOnlyList<ParameterExpression> names)
    {
        var argument = IndexOf(node, slots);
        if (argument >= 0)
        {
            return (argument, null);
        }

        if (node is UnaryExpression { NodeType: ExpressionType.Convert or ExpressionType.ConvertChecked, Method: null } convert
            && IndexOf(convert.Operand, slots) is var converted and >= 0)
        {
            var from = convert.Operand.Type;
            var to = convert.Type;
            if (to == typeof(object) || Nullable.GetUnderlyingType(to) == from)
            {
                // The boxed value is the same either way.
                return (converted, null);
            }

            if (ExactConversion(Nullable.GetUnderlyingType(from) ?? from, Nullable.GetUnderlyingType(to) ?? to) is { } target)
            {
                return (converted, target);
            }
        }

        var inside = new Finder(slots);
        inside.Visit(node);
        if (inside.Found >= 0)
        {
            throw new QueryTranslationException(node,
                $"the compiled query's argument '{names[inside.Found].Name}' is part of a value computed on the client; a compiled query binds each argument as it is passed",
                "compute the value before the call and pass it as the argument (declare the argument with the column's type)");
        }

        return null;
    }

    /// <summary>Checks every value of <paramref name="body"/> (a tree with slots in place of the arguments) without evaluating any.</summary>
    public static void Check(Expression body, IReadOnlyList<Expression> slots, IReadOnlyList<ParameterExpression> names) =>
        new Walker(slots, names).Visit(body);

    private static int IndexOf(Expression node, IReadOnlyList<Expression> slots)
    {
        for (var i = 0; i < slots.Count; i++)
        {
            if (ReferenceEquals(slots[i], node))
            {
                return i;
            }
        }

        return -1;
    }

    // The target type when Convert.ChangeType gives exactly what the C# conversion gives: an enum to its underlying
    // type, and the implicit numeric widenings.
    private static Type? ExactConversion(Type from, Type to)
    {
        if (from.IsEnum)
        {
            return Enum.GetUnderlyingType(from) == to ? to : null;
        }

        var widens = Type.GetTypeCode(from) switch
        {
            TypeCode.SByte => to == typeof(short) || to == typeof(int) || to == typeof(long) || Floating(to),
            TypeCode.Byte => to == typeof(short) || to == typeof(ushort) || to == typeof(int) || to == typeof(uint) || to == typeof(long) || to == typeof(ulong) || Floating(to),
            TypeCode.Int16 => to == typeof(int) || to == typeof(long) || Floating(to),
            TypeCode.UInt16 => to == typeof(int) || to == typeof(uint) || to == typeof(long) || to == typeof(ulong) || Floating(to),
            TypeCode.Int32 => to == typeof(long) || Floating(to),
            TypeCode.UInt32 => to == typeof(long) || to == typeof(ulong) || Floating(to),
            TypeCode.Int64 or TypeCode.UInt64 => Floating(to),
            TypeCode.Single => to == typeof(double),
            _ => false,
        };
        return widens ? to : null;

        static bool Floating(Type type) => type == typeof(float) || type == typeof(double) || type == typeof(decimal);
    }

    // Visits like the shape walker: a sub-tree that needs no row is one value and is not entered.
    private sealed class Walker(IReadOnlyList<Expression> slots, IReadOnlyList<ParameterExpression> names) : ExpressionVisitor
    {
        public override Expression? Visit(Expression? node)
        {
            if (node is null)
            {
                return null;
            }

            if (Evaluability.IsEvaluatable(node))
            {
                Classify(node, slots, names);
                return node;
            }

            return base.Visit(node);
        }
    }

    private sealed class Finder(IReadOnlyList<Expression> slots) : ExpressionVisitor
    {
        public int Found { get; private set; } = -1;

        public override Expression? Visit(Expression? node)
        {
            if (node is not null && Found < 0 && IndexOf(node, slots) is var index and >= 0)
            {
                Found = index;
                return node;
            }

            return base.Visit(node);
        }
    }
}
