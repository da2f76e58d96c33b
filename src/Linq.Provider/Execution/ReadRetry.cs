namespace Linq.Execution;

/// <summary>
/// The opt-in retry of reads (<see cref="LinqDatabaseOptions.TransientReadRetries"/>): a query outside a transaction
/// that fails with a transient error (<see cref="LinqRequestException.IsTransient"/>) runs again after a short jittered
/// backoff. Only reads: a write whose connection broke may have been applied, so it is never repeated here.
/// </summary>
internal static class ReadRetry
{
    private static readonly TimeSpan FirstDelay = TimeSpan.FromMilliseconds(50);

    public static async Task<T> RunAsync<T>(Func<CancellationToken, Task<T>> read, int retries, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return await read(cancellationToken).ConfigureAwait(false);
            }
            catch (LinqRequestException error) when (error.IsTransient && attempt < retries && !cancellationToken.IsCancellationRequested)
            {
                var delay = FirstDelay * Math.Pow(2, attempt) * (0.5 + Random.Shared.NextDouble());
                await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
            }
        }
    }
}
