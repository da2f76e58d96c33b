using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Linq.Provider.Tests.Infrastructure;

/// <summary>
/// A real logger provider that keeps everything written through Microsoft.Extensions.Logging: the formatted message,
/// every key/value of the structured state, the exception's full text, the level and event id.
/// </summary>
public sealed class LogCapture : ILoggerProvider
{
    private readonly ConcurrentQueue<LogEntry> _entries = new();

    public IReadOnlyList<LogEntry> Entries => [.. _entries];

    /// <summary>A factory at the lowest level, writing to this capture only.</summary>
    public ILoggerFactory CreateFactory() => LoggerFactory.Create(b => b.AddProvider(this).SetMinimumLevel(LogLevel.Trace));

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    /// <summary>Every piece of text the logs hold: messages, state values and exceptions.</summary>
    public IEnumerable<string> AllText() => Entries.SelectMany(e =>
        new[] { e.Message, e.Exception ?? "" }.Concat(e.State.Select(kv => kv.Key + "=" + kv.Value)));

    private sealed class Logger(LogCapture capture, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var values = state is IEnumerable<KeyValuePair<string, object?>> pairs
                ? pairs.ToDictionary(p => p.Key, p => p.Value?.ToString())
                : [];
            capture._entries.Enqueue(new LogEntry(category, logLevel, eventId.Id, formatter(state, exception), values, exception?.ToString()));
        }
    }
}

public sealed record LogEntry(string Category, LogLevel Level, int EventId, string Message, Dictionary<string, string?> State, string? Exception);
