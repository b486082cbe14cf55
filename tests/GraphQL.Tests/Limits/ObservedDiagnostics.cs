using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Streaming.GraphQL.Execution;

namespace Streaming.GraphQL.Tests.Limits;

/// <summary>A <see cref="GraphQLDiagnostics"/> whose logs and measurements a test can read (its own meter factory, so parallel tests do not mix).</summary>
public sealed class ObservedDiagnostics : IDisposable
{
    private readonly ServiceProvider _services;
    private readonly MeterListener _listener = new();
    private readonly ConcurrentDictionary<string, long> _counts = new();

    public ObservedDiagnostics()
    {
        _services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var factory = _services.GetRequiredService<IMeterFactory>();
        Diagnostics = new GraphQLDiagnostics(Logger, factory);
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (ReferenceEquals(instrument.Meter.Scope, factory))
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            foreach (var tag in tags)
            {
                _counts.AddOrUpdate($"{instrument.Name}{{{tag.Key}={tag.Value}}}", value, (_, total) => total + value);
            }
        });
        _listener.Start();
    }

    public CapturingLogger Logger { get; } = new();

    public GraphQLDiagnostics Diagnostics { get; }

    /// <summary>The sum of an instrument's measurements with one tag, as <c>name{key=value}</c>.</summary>
    public long Count(string instrumentWithTag) => _counts.GetValueOrDefault(instrumentWithTag);

    public void Dispose()
    {
        _listener.Dispose();
        _services.Dispose();
    }

    public sealed record Entry(LogLevel Level, string Message, Exception? Exception);

    public sealed class CapturingLogger : ILogger<GraphQLDiagnostics>
    {
        private readonly ConcurrentQueue<Entry> _entries = new();

        public IReadOnlyList<Entry> Entries => [.. _entries];

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            ArgumentNullException.ThrowIfNull(formatter);
            _entries.Enqueue(new Entry(logLevel, formatter(state, exception), exception));
        }
    }
}
