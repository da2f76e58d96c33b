using BenchmarkDotNet.Attributes;
using Blog.Model;
using Linq;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Linq.Benchmarks.Scenarios;

/// <summary>
/// What observability costs on the cached find-by-key (<c>FindUniqueAsync(u =&gt; u.Email == email)</c>, one round trip):
/// against a client without a logger (the baseline), a client whose logger factory has the <c>Linq</c> category off
/// (must be within noise: no allocation, no clock read), at Warning (a typical production level: slow statements and
/// errors are watched, so each statement is timed), and inside an explicit N+1 scope (one scope per call, as per request).
/// </summary>
/// <remarks>Read the ratios and the allocated bytes: absolute times are noisy on a shared machine.</remarks>
[MemoryDiagnoser]
public class LoggingOverheadBenchmarks
{
    private const string Email = "user500@bench.example";

    private BlogDb _noLogger = null!;
    private BlogDb _loggingOff = null!;
    private BlogDb _loggingWarning = null!;
    private ILoggerFactory _offFactory = null!;
    private ILoggerFactory _warningFactory = null!;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        var database = await BenchmarkDatabase.SharedAsync();
        _noLogger = database.Db;
        // A real provider that writes nothing, so "Warning" measures Linq's side (timing, the record), not a sink.
        _offFactory = LoggerFactory.Create(b => b.AddProvider(NullLoggerProvider.Instance).AddFilter("Linq", LogLevel.None));
        _warningFactory = LoggerFactory.Create(b => b.AddProvider(new CountingProvider()).AddFilter("Linq", LogLevel.Warning));
        _loggingOff = new BlogDb(new LinqDatabaseOptions { LoggerFactory = _offFactory }.UseNpgsql(database.ConnectionString));
        _loggingWarning = new BlogDb(new LinqDatabaseOptions { LoggerFactory = _warningFactory }.UseNpgsql(database.ConnectionString));
        foreach (var db in new[] { _noLogger, _loggingOff, _loggingWarning })
        {
            if ((await db.Users.FindUniqueAsync(u => u.Email == Email))?.Email != Email)
            {
                throw new InvalidOperationException("The benchmark user is missing.");
            }
        }
    }

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        await _loggingOff.DisposeAsync();
        await _loggingWarning.DisposeAsync();
        _offFactory.Dispose();
        _warningFactory.Dispose();
    }

    [Benchmark(Baseline = true)]
    public Task<User?> NoLogger() => _noLogger.Users.FindUniqueAsync(u => u.Email == Email);

    [Benchmark]
    public Task<User?> LoggingOff() => _loggingOff.Users.FindUniqueAsync(u => u.Email == Email);

    [Benchmark]
    public Task<User?> LoggingAtWarning() => _loggingWarning.Users.FindUniqueAsync(u => u.Email == Email);

    [Benchmark]
    public async Task<User?> InsideNPlusOneScope()
    {
        using (_noLogger.DetectNPlusOne())
        {
            return await _noLogger.Users.FindUniqueAsync(u => u.Email == Email);
        }
    }

    private sealed class CountingProvider : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new Counting();

        public void Dispose()
        {
        }

        private sealed class Counting : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
            }
        }
    }
}
