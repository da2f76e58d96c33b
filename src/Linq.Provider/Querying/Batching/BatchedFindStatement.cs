using Linq.Contract;
using Linq.Execution;
using Linq.Sql.Rendering;
using Linq.Sql.Syntax;
using Npgsql;

namespace Linq.Querying.Batching;

/// <summary>
/// The statement that runs several callers' finds of one plan at once. The plan's own statement stays as it is, as a
/// LATERAL sub-select run once per caller's keys, and the server numbers the callers:
/// <code>
/// SELECT "batch_row"."c0", …, "batch_keys"."ordinal"
/// FROM unnest($1, $2) WITH ORDINALITY AS "batch_keys"("key1", "key2", "ordinal")
/// CROSS JOIN LATERAL (&lt;the find, its $1 as "batch_keys"."key1", …&gt;) AS "batch_row"
/// </code>
/// Each value the plan reads per execution becomes one array of all callers' values; the ordinal (1-based, the
/// caller's place in the batch) comes last, so the plan's shaper reads the row at its own ordinals. Rows are never
/// matched to callers by comparing values in C#: the comparison is the find's own, made by the server with the same
/// types (citext, collations, numeric scale and time zones behave as in the single find).
/// </summary>
/// <remarks>
/// Each array is sent as the array of the type its single parameter is sent as (the same store type, the same CLR
/// element type), so <c>column = key</c> resolves to the same operator as <c>column = $1</c> does alone.
/// </remarks>
internal sealed class BatchedFindStatement
{
    // Aliases the translator never makes (its tables are t0, t1, …), so the sub-select cannot shadow them.
    private const string KeysAlias = "batch_keys";
    private const string RowAlias = "batch_row";
    private const string OrdinalName = "ordinal";

    private readonly ParameterSlot[] _slots;
    private readonly ScalarType[] _elements;
    private readonly ValueCapture[] _captures;
    private readonly SqlParameterExpression[] _parameters;

    private BatchedFindStatement(string sql, SqlParameterExpression[] parameters, ParameterSlot[] slots, ScalarType[] elements, int ordinal)
    {
        Sql = sql;
        _parameters = parameters;
        _slots = slots;
        _elements = elements;
        _captures = [.. elements.Select(e => new ValueCapture(e.ClrType))];
        Ordinal = ordinal;
    }

    /// <summary>The statement's text.</summary>
    public string Sql { get; }

    /// <summary>The ordinal of the column holding the caller's 1-based place in the batch (the last one).</summary>
    public int Ordinal { get; }

    /// <summary>How many arrays (one per value the plan reads per execution).</summary>
    public int KeyCount => _slots.Length;

    /// <summary>
    /// The batched form of <paramref name="plan"/>, or null when it has none: not a single find of one statement, or
    /// a value whose type has no typed array (then each find runs alone, as without the option).
    /// </summary>
    public static BatchedFindStatement? TryBuild(CompiledQuery plan)
    {
        if (plan.Statement is not { } find || plan.Single != RowCardinality.FirstOrDefault || plan.FollowUps.Count > 0)
        {
            return null;
        }

        var slots = plan.Parameters.OfType<ParameterSlot>().Distinct<ParameterSlot>(ReferenceEqualityComparer.Instance).ToArray();
        if (slots.Length == 0)
        {
            return null;
        }

        var elements = new ScalarType[slots.Length];
        var arrays = new SqlExpression[slots.Length];
        var substitutes = new Dictionary<SqlParameterExpression, SqlExpression>(ReferenceEqualityComparer.Instance);
        var names = new string[slots.Length + 1];
        for (var i = 0; i < slots.Length; i++)
        {
            var type = Nullable.GetUnderlyingType(slots[i].ValueType) ?? slots[i].ValueType;
            // A value that is itself an array (a captured list) would need an array of arrays; those finds run alone.
            if (type.IsArray || type == typeof(object) || ScalarType.Find(type) is not { } element || ScalarType.Find(element.ArrayClrType) is not { } array)
            {
                return null;
            }

            elements[i] = element;
            names[i] = "key" + (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
            arrays[i] = new KeyArrayParameter(i, array, slots[i].StoreType is { } store ? store + "[]" : null);
            substitutes.Add(slots[i], new SqlColumnExpression(KeysAlias, names[i]));
        }

        names[^1] = OrdinalName;
        // Named columns (c0, c1, …): the find's own output names may repeat (a joined relation's "Id").
        var inner = find with { Items = [.. find.Items.Select((item, i) => item with { Alias = "c" + i.ToString(System.Globalization.CultureInfo.InvariantCulture) })] };
        var batched = new SqlSelectStatement
        {
            Items = [.. inner.Items.Select(item => new SqlSelectItem(new SqlColumnExpression(RowAlias, item.Alias!))), new SqlSelectItem(new SqlColumnExpression(KeysAlias, OrdinalName))],
            From = new SqlFunctionTable(new SqlFunctionExpression("unnest", arrays), KeysAlias, names, WithOrdinality: true),
            Joins = [new SqlJoin(SqlJoinKind.CrossLateral, new SqlDerivedTable(inner, RowAlias), SqlLiteralExpression.True)],
        };
        var rendered = PostgresRenderer.Render(batched, substitutes);
        return new BatchedFindStatement(rendered.Text, [.. rendered.Parameters], slots, elements, find.Items.Count);
    }

    /// <summary>
    /// One caller's key values, as its single statement would send them (after the plan's conversions); null when a
    /// value's runtime type is not the slot's (it would go untyped alone) or a value is refused, so that caller runs
    /// alone (and gets exactly its own error).
    /// </summary>
    public object?[]? Capture(object?[] values)
    {
        var keys = new object?[_slots.Length];
        try
        {
            for (var i = 0; i < keys.Length; i++)
            {
                var key = _slots[i].Bind(_captures[i], values);
                if (ReferenceEquals(key, ValueCapture.Mismatch))
                {
                    return null;
                }

                // A value the binder refuses (text with a NUL) would fail the whole batch: that caller runs alone and gets its error.
                if (key is string text)
                {
                    TextValues.Check(text, null);
                }

                keys[i] = key;
            }
        }
        catch (Exception error) when (error is ArgumentException or InvalidCastException or OverflowException or FormatException)
        {
            return null;
        }

        return keys;
    }

    /// <summary>The parameters for callers' keys (from <see cref="Capture"/>), in their order: one typed array per key column.</summary>
    public NpgsqlParameter[] Bind(IReadOnlyList<object?[]> keys)
    {
        var arrays = new object?[_slots.Length];
        for (var column = 0; column < arrays.Length; column++)
        {
            var array = _elements[column].NewArray(keys.Count);
            for (var caller = 0; caller < keys.Count; caller++)
            {
                _elements[column].SetItem(array, caller, keys[caller][column]);
            }

            arrays[column] = array;
        }

        return ParameterBinder.Bind(_parameters, arrays);
    }

    // One key column's values: a typed array (T[]) in the execution's values at Index, sent as the slot's store type's array.
    private sealed record KeyArrayParameter(int Index, ScalarType Array, string? ArrayStoreType) : SqlParameterExpression(ArrayStoreType)
    {
        public override Type ClrType => Array.ClrType;

        public override TResult Bind<TResult>(ISqlParameterBinder<TResult> binder, object?[]? values) => Array.Bind(binder, values![Index]!, StoreType);
    }

    // Reads the value a slot would bind (after its conversions) instead of making a driver parameter of it.
    private sealed class ValueCapture(Type expected) : ISqlParameterBinder<object?>
    {
        public static readonly object Mismatch = new();

        public object? Bind<T>(T value, string? storeType) => typeof(T) == expected ? value : Mismatch;
    }
}
