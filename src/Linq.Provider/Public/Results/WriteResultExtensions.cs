namespace Linq;

/// <summary>
/// Turns any write (<c>CreateAsync</c>, <c>UpdateAsync</c>, <c>UpsertAsync</c>, <c>DeleteAsync</c>, <c>CreateManyAsync</c>,
/// <c>UpdateManyAsync</c>, <c>DeleteManyAsync</c>, a nested write …) into its result-returning form:
/// <c>await db.Users.CreateAsync(input).AsResult()</c>.
/// </summary>
public static class WriteResultExtensions
{
    /// <summary>
    /// Awaits the write and returns its row (or count) as <see cref="WriteResult{T}"/>, or the P2002, P2003, P2025 or
    /// L2001 refusal as a case of it. Every other exception (a lost connection, a timeout, a value too long …) propagates unchanged.
    /// </summary>
    public static async Task<WriteResult<T>> AsResult<T>(this Task<T> write)
    {
        ArgumentNullException.ThrowIfNull(write);
        try
        {
            return await write.ConfigureAwait(false);
        }
        catch (UniqueConstraintViolationException error)
        {
            return new UniqueViolation(error.Model, error.Fields, error);
        }
        catch (ForeignKeyViolationException error)
        {
            return new ForeignKeyViolation(error.Model, error.Fields, error);
        }
        catch (RecordNotFoundException error)
        {
            return new RecordNotFound(error.Model, error);
        }
        catch (ConcurrencyConflictException error)
        {
            return new ConcurrencyConflict(error.Model, error.Fields, error);
        }
    }
}
