namespace Linq;

/// <summary>
/// One field of an update input, in three states: not set (the default: the column is left alone), set to a
/// value (null included, for nullable columns), or changed by an atomic number operation done in SQL
/// (<c>Balance = Op.Decrement(100)</c> becomes <c>"Balance" = "Balance" - $1</c>).
/// </summary>
public readonly struct Update<T>
{
    private Update(T value)
    {
        IsSet = true;
        Value = value;
        Operation = null;
    }

    private Update(NumberOperation operation)
    {
        IsSet = true;
        Value = default!;
        Operation = operation;
    }

    /// <summary>Whether the field is part of the update.</summary>
    public bool IsSet { get; }

    /// <summary>The new value, when set to a value.</summary>
    public T Value { get; }

    /// <summary>The number operation, when the field is changed relative to its current value.</summary>
    public NumberOperation? Operation { get; }

    /// <summary>Sets the field to a value.</summary>
    public static implicit operator Update<T>(T value) => new(value);

    /// <summary>Changes the field with a number operation.</summary>
    public static implicit operator Update<T>(NumberOperation operation) => new(operation);
}
