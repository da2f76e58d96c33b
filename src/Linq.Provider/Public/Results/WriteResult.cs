using System.Diagnostics.CodeAnalysis;

namespace Linq;

/// <summary>
/// The outcome of a write as a value instead of an exception (<c>await db.Users.CreateAsync(…).AsResult()</c>): the row
/// (or count), or one of the expected refusals: <see cref="UniqueViolation"/>, <see cref="ForeignKeyViolation"/>,
/// <see cref="RecordNotFound"/> and <see cref="ConcurrencyConflict"/>. Every other error still throws.
/// <see cref="Match{TResult}"/> takes one handler per case, so leaving a case out does not compile.
/// </summary>
/// <remarks>
/// A readonly struct holding the value and at most one exception reference: the success path allocates nothing
/// beyond the write's own task, and the failure cases reuse the exception the write raised.
/// </remarks>
/// <typeparam name="T">What the write returns on success: the row, or a count.</typeparam>
public readonly struct WriteResult<T> : IEquatable<WriteResult<T>>
{
    private readonly T? _value;
    private readonly LinqRequestException? _error;

    private WriteResult(WriteOutcome outcome, T? value, LinqRequestException? error)
    {
        Outcome = outcome;
        _value = value;
        _error = error;
    }

    /// <summary>Which case this result holds.</summary>
    public WriteOutcome Outcome { get; }

    /// <summary>Whether the write succeeded.</summary>
    public bool IsOk => Outcome == WriteOutcome.Ok;

    /// <summary>The refusal's exception (null on success): its <see cref="LinqRequestException.Code"/> and message for logs.</summary>
    public LinqRequestException? Error => _error;

    /// <summary>The row (or count) on success; otherwise throws the exception the write raised.</summary>
    /// <exception cref="LinqRequestException">The write was refused.</exception>
    public T Value => Outcome == WriteOutcome.Ok ? _value! : throw Unwrap();

    /// <summary>A successful result.</summary>
    public static implicit operator WriteResult<T>(T value) => new(WriteOutcome.Ok, value, null);

    /// <summary>A P2002 result.</summary>
    public static implicit operator WriteResult<T>(UniqueViolation violation) => new(WriteOutcome.UniqueViolation, default, violation.Error);

    /// <summary>A P2003 result.</summary>
    public static implicit operator WriteResult<T>(ForeignKeyViolation violation) => new(WriteOutcome.ForeignKeyViolation, default, violation.Error);

    /// <summary>A P2025 result.</summary>
    public static implicit operator WriteResult<T>(RecordNotFound missing) => new(WriteOutcome.NotFound, default, missing.Error);

    /// <summary>An L2001 result.</summary>
    public static implicit operator WriteResult<T>(ConcurrencyConflict conflict) => new(WriteOutcome.ConcurrencyConflict, default, conflict.Error);

    /// <summary>The row (or count) when the write succeeded.</summary>
    public bool TryGetValue([MaybeNullWhen(false)] out T value)
    {
        value = _value;
        return IsOk;
    }

    /// <summary>
    /// Runs the handler of the case this result holds and returns its value. Every handler is required: a case left
    /// out is a compile error (CS7036), so adding a case to the switch is never forgotten.
    /// </summary>
    /// <exception cref="InvalidOperationException">The result is <c>default</c>: no write produced it.</exception>
    public TResult Match<TResult>(
        Func<T, TResult> ok,
        Func<UniqueViolation, TResult> uniqueViolation,
        Func<ForeignKeyViolation, TResult> foreignKeyViolation,
        Func<RecordNotFound, TResult> notFound,
        Func<ConcurrencyConflict, TResult> concurrencyConflict)
    {
        ArgumentNullException.ThrowIfNull(ok);
        ArgumentNullException.ThrowIfNull(uniqueViolation);
        ArgumentNullException.ThrowIfNull(foreignKeyViolation);
        ArgumentNullException.ThrowIfNull(notFound);
        ArgumentNullException.ThrowIfNull(concurrencyConflict);
        return Outcome switch
        {
            WriteOutcome.Ok => ok(_value!),
            WriteOutcome.UniqueViolation => uniqueViolation(AsUnique()),
            WriteOutcome.ForeignKeyViolation => foreignKeyViolation(AsForeignKey()),
            WriteOutcome.NotFound => notFound(AsNotFound()),
            WriteOutcome.ConcurrencyConflict => concurrencyConflict(AsConflict()),
            _ => throw new InvalidOperationException("This WriteResult is default: no write produced it."),
        };
    }

    private UniqueViolation AsUnique()
    {
        var error = (UniqueConstraintViolationException)_error!;
        return new UniqueViolation(error.Model, error.Fields, error);
    }

    private ForeignKeyViolation AsForeignKey()
    {
        var error = (ForeignKeyViolationException)_error!;
        return new ForeignKeyViolation(error.Model, error.Fields, error);
    }

    private RecordNotFound AsNotFound()
    {
        var error = (RecordNotFoundException)_error!;
        return new RecordNotFound(error.Model, error);
    }

    private ConcurrencyConflict AsConflict()
    {
        var error = (ConcurrencyConflictException)_error!;
        return new ConcurrencyConflict(error.Model, error.Fields, error);
    }

    private Exception Unwrap() =>
        _error ?? (Exception)new InvalidOperationException("This WriteResult is default: no write produced it.");

    /// <inheritdoc />
    public bool Equals(WriteResult<T> other) =>
        Outcome == other.Outcome && EqualityComparer<T?>.Default.Equals(_value, other._value) && ReferenceEquals(_error, other._error);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is WriteResult<T> other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Outcome, _value, _error);

    /// <summary>Equality of outcome, value and error.</summary>
    public static bool operator ==(WriteResult<T> left, WriteResult<T> right) => left.Equals(right);

    /// <summary>Inequality of outcome, value or error.</summary>
    public static bool operator !=(WriteResult<T> left, WriteResult<T> right) => !left.Equals(right);

    /// <inheritdoc />
    public override string ToString() => IsOk ? $"Ok({_value})" : $"{Outcome}({_error?.Code})";
}
