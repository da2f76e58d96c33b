using Npgsql;

namespace Linq;

/// <summary>
/// A request the database refused for a known reason, with Prisma's error code (<c>P2002</c>, …), the model and
/// the fields involved. The message never contains parameter values (they may be personal data) unless
/// sensitive logging is on; the PostgreSQL error is the inner exception.
/// </summary>
public abstract class LinqRequestException : Exception
{
    /// <summary>Creates the exception.</summary>
    protected LinqRequestException(string code, string message, string? model, IReadOnlyList<string> fields, Exception? inner)
        : base($"{code}: {message}", inner)
    {
        Code = code;
        Model = model;
        Fields = fields;
    }

    /// <summary>Prisma's error code, e.g. <c>P2002</c>.</summary>
    public string Code { get; }

    /// <summary>The model the error is about, when known.</summary>
    public string? Model { get; }

    /// <summary>The model's fields (property names) the error is about.</summary>
    public IReadOnlyList<string> Fields { get; }

    /// <summary>
    /// Whether the same operation may succeed if tried again later without change: the server was unreachable or
    /// restarting, the connection broke, the pool was exhausted, or a transaction conflicted. Retry policies key on it.
    /// </summary>
    public virtual bool IsTransient => false;

    /// <summary>The PostgreSQL error, when the database raised one.</summary>
    public PostgresException? PostgresError => InnerException as PostgresException;
}
