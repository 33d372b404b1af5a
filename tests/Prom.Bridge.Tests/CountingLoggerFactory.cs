using System;
using System.Collections.Concurrent;
using System.Threading;
using Microsoft.Extensions.Logging;

namespace Prom.Bridge.Tests;

/// <summary>Counts log lines and characters, keeps the last few lines.</summary>
internal sealed class CountingLoggerFactory : ILoggerFactory, ILogger
{
    private long _lines;
    private long _chars;

    public long Lines => Interlocked.Read(ref _lines);

    public long Chars => Interlocked.Read(ref _chars);

    public ConcurrentQueue<string> Recent { get; } = new();

    public void AddProvider(ILoggerProvider provider) { }

    public ILogger CreateLogger(string categoryName) => this;

    public void Dispose() { }

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        string text = formatter(state, exception);
        Interlocked.Increment(ref _lines);
        Interlocked.Add(ref _chars, text.Length);
        Recent.Enqueue(text);
        while (Recent.Count > 50)
        {
            Recent.TryDequeue(out _);
        }
    }
}
