using System.Diagnostics.Metrics;

namespace ContentGrains.Grains.Tests;

/// <summary>One reading of a meter's observable instruments, as a scrape would take it: (instrument, first tag's value) → value.</summary>
public static class MeterReadings
{
    public static Dictionary<(string Instrument, string? Tag), double> Observe(string meterName)
    {
        var seen = new Dictionary<(string, string?), double>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == meterName) l.EnableMeasurementEvents(instrument);
        };
        listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) =>
            seen[(instrument.Name, tags.Length > 0 ? tags[0].Value?.ToString() : null)] = value);
        listener.Start();
        listener.RecordObservableInstruments();
        return seen;
    }
}
