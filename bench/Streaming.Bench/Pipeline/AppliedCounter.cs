using System.Diagnostics.Metrics;
using Streaming.Processors.Kafka;

namespace Streaming.Bench.Pipeline;

/// <summary>Listens to the in-process processors' <c>cdp.processors.events.applied</c> counter.</summary>
internal sealed class AppliedCounter : IDisposable
{
    private readonly MeterListener _listener = new();
    private long _value;

    public AppliedCounter()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == ProcessorMetrics.MeterName && instrument.Name == "cdp.processors.events.applied")
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((_, value, _, _) => Interlocked.Add(ref _value, value));
        _listener.Start();
    }

    public long Value => Interlocked.Read(ref _value);

    public void Dispose() => _listener.Dispose();
}
