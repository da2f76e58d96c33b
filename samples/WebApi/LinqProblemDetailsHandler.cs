using Linq;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace WebApi;

/// <summary>
/// Turns Linq's typed errors into problem details (RFC 9457) with the error code: a taken unique key (P2002) and a
/// broken relation (P2003) are 409, a missing record (P2025) is 404, a serialization conflict (P2034) and an exhausted
/// pool (P2024) are 503 with <c>Retry-After</c> (both are transient: the same request may succeed in a moment), and a
/// page token that was changed or belongs to another query is 400. Anything else is left to the default handler (500).
/// The details carry the exception's message, which never contains parameter values (unless sensitive logging is on).
/// </summary>
internal sealed class LinqProblemDetailsHandler(IProblemDetailsService problemDetails) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var (status, title, retryAfterSeconds) = exception switch
        {
            UniqueConstraintViolationException => (StatusCodes.Status409Conflict, "Conflict with an existing record", (int?)null),
            ForeignKeyViolationException => (StatusCodes.Status409Conflict, "A related record is missing or still referenced", null),
            RecordNotFoundException => (StatusCodes.Status404NotFound, "Not found", null),
            TransactionConflictException => (StatusCodes.Status503ServiceUnavailable, "Conflict with a concurrent transaction", 1),
            PoolTimeoutException => (StatusCodes.Status503ServiceUnavailable, "The database is busy", 1),
            ArgumentException { ParamName: "after" } => (StatusCodes.Status400BadRequest, "Invalid page token", null),
            _ => (0, "", null),
        };
        if (status == 0)
        {
            return false;
        }

        var problem = new ProblemDetails { Status = status, Title = title, Detail = exception.Message };
        if (exception is LinqRequestException linq)
        {
            problem.Extensions["code"] = linq.Code;
            if (linq.Model is not null)
            {
                problem.Extensions["model"] = linq.Model;
            }

            if (linq.Fields.Count > 0)
            {
                problem.Extensions["fields"] = linq.Fields;
            }
        }

        httpContext.Response.StatusCode = status;
        if (retryAfterSeconds is { } seconds)
        {
            httpContext.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return await problemDetails.TryWriteAsync(new() { HttpContext = httpContext, Exception = exception, ProblemDetails = problem });
    }
}
