using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Linq.Benchmarks.Fairness;

/// <summary>EF Core's view of every command it executes (text and parameters as sent), into a <see cref="CommandLog"/>.</summary>
public sealed class EfCommandCapture(CommandLog log) : DbCommandInterceptor
{
    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        log.Add(command);
        return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
    }

    public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        log.Add(command);
        return base.NonQueryExecutingAsync(command, eventData, result, cancellationToken);
    }

    public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default)
    {
        log.Add(command);
        return base.ScalarExecutingAsync(command, eventData, result, cancellationToken);
    }
}
