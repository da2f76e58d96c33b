using Linq.Sql.Syntax;

namespace Linq.Writing.Caching;

/// <summary>
/// What decides a write statement's text, recorded while the input writes itself: the operation, every column it
/// sets and how (a value, NULL, which number operation), the unique key and concurrency tokens of the filter. Values
/// never enter the key; they stay in <see cref="Parameters"/>, the parameter nodes in the order the writers made them.
/// Two inputs with equal keys render the same text, so the second one only binds its values
/// (<see cref="WriteStatementCache"/>).
/// </summary>
internal sealed class WriteShape
{
    // One released shape per thread, taken by the thread's next cached write: its key buffer and parameter list are
    // then not allocated on every write. A shape is used synchronously from Take to Release (the statement is bound
    // before the write's first await), so a thread never hands out a shape still in use.
    [ThreadStatic]
    private static WriteShape? t_spare;

    private char[] _key = new char[16];
    private int _length;

    /// <summary>Starts a shape of one operation (a letter naming it).</summary>
    public WriteShape(char operation) => Append(operation);

    /// <summary>A shape starting with <paramref name="operation"/>: the thread's released one, or a new one.</summary>
    public static WriteShape Take(char operation)
    {
        var shape = t_spare;
        if (shape is null)
        {
            return new WriteShape(operation);
        }

        t_spare = null;
        shape.Append(operation);
        return shape;
    }

    /// <summary>Empties the shape (its parameter nodes let go) and keeps it for the thread's next write; nothing of it may be used after.</summary>
    public void Release()
    {
        Parameters.Clear();
        _length = 0;
        if (_key.Length <= 256 && Parameters.Capacity <= 256)
        {
            t_spare = this;
        }
    }

    /// <summary>The parameter nodes in the order the writers made them.</summary>
    public List<SqlParameterExpression> Parameters { get; } = [];

    /// <summary>The key as characters: valid until the shape records more.</summary>
    public ReadOnlySpan<char> Key => _key.AsSpan(0, _length);

    /// <summary>Records a column write: what was written (a letter) and the column's ordinal.</summary>
    public void Column(char kind, int ordinal)
    {
        Append(kind);

        // Ordinals are small; one char holds any ordinal a table can have (PostgreSQL allows 1,600 columns).
        Append((char)ordinal);
    }

    /// <summary>Records a marker between parts of the statement (the create and the update of an upsert, the filter).</summary>
    public void Mark(char part) => Append(part);

    /// <summary>Adds a parameter node the statement will contain, in the order the writers made it.</summary>
    public T Parameter<T>(T parameter) where T : SqlParameterExpression
    {
        Parameters.Add(parameter);
        return parameter;
    }

    private void Append(char c)
    {
        if (_length == _key.Length)
        {
            Array.Resize(ref _key, _key.Length * 2);
        }

        _key[_length++] = c;
    }
}
