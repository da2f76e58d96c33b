using Linq.Provider.Tests.Infrastructure;
using Linq.Provider.Tests.Models;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Linq.Provider.Tests;

public sealed class DependencyInjectionTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    [Fact]
    public async Task AddLinqDatabase_registers_one_working_singleton_with_the_host_logger()
    {
        var sink = new ListLoggerProvider();
        var services = new ServiceCollection()
            .AddLogging(b => b.AddProvider(sink).SetMinimumLevel(LogLevel.Debug))
            .AddLinqDatabase<TestDb>(o => o.UseNpgsql(fixture.ConnectionString));
        await using var provider = services.BuildServiceProvider();

        var db = provider.GetRequiredService<TestDb>();
        Assert.Same(db, provider.GetRequiredService<TestDb>());
        Assert.Equal(0, await db.Users.Where(u => u.Email == "nobody@x.io").CountAsync());
        Assert.Contains(sink.Lines, l => l.Contains("SELECT", StringComparison.Ordinal) && l.Contains("\"User\"", StringComparison.Ordinal));
        Assert.DoesNotContain(sink.Lines, l => l.Contains("nobody@x.io", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Sensitive_logging_adds_parameter_values()
    {
        var sink = new ListLoggerProvider();
        var services = new ServiceCollection()
            .AddLogging(b => b.AddProvider(sink).SetMinimumLevel(LogLevel.Debug))
            .AddLinqDatabase<TestDb>(o =>
            {
                o.UseNpgsql(fixture.ConnectionString);
                o.LogParameterValues = true;
            });
        await using var provider = services.BuildServiceProvider();
        await provider.GetRequiredService<TestDb>().Users.Where(u => u.Email == "visible@x.io").CountAsync();
        Assert.Contains(sink.Lines, l => l.Contains("visible@x.io", StringComparison.Ordinal));
    }

    private sealed class ListLoggerProvider : ILoggerProvider
    {
        public List<string> Lines { get; } = [];

        public ILogger CreateLogger(string categoryName) => new ListLogger(Lines);

        public void Dispose()
        {
        }

        private sealed class ListLogger(List<string> lines) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                lock (lines)
                {
                    lines.Add(formatter(state, exception));
                }
            }
        }
    }
}
