using System.Collections.Concurrent;
using Microsoft.Extensions.Logging.Console;

namespace ContentGrains.Silo.Hosting;

/// <summary>
/// Keeps an outage from flooding the log. A failure (a log entry with an exception) of a given kind — its category,
/// message template and exception types — is written with its full stack trace the first time, then at most once per
/// <see cref="Interval"/> as one line without the trace, saying how many like it were left out meanwhile. A PostgreSQL
/// outage of 10–12 s once wrote 5.4 MB of identical stack traces (Orleans' storage, the model cache, the HTTP pipeline).
/// </summary>
public sealed class RepeatedFailureLoggerProvider(ILoggerProvider inner, TimeProvider clock, TimeSpan interval) : ILoggerProvider, ISupportExternalScope
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(10);
    private readonly ConcurrentDictionary<string, FailureKind> kinds = new(StringComparer.Ordinal);
    private double IntervalSeconds => interval.TotalSeconds;

    /// <summary>Wraps the console logger the host registered (AddSimpleConsole) in this provider.</summary>
    public static void Replace(ILoggingBuilder logging)
    {
        foreach (var console in logging.Services.Where(d => d.ServiceType == typeof(ILoggerProvider) && d.ImplementationType == typeof(ConsoleLoggerProvider)).ToList())
            logging.Services.Remove(console);
        logging.Services.AddSingleton<ILoggerProvider>(sp =>
            new RepeatedFailureLoggerProvider(ActivatorUtilities.CreateInstance<ConsoleLoggerProvider>(sp), TimeProvider.System, Interval));
    }

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName, inner.CreateLogger(categoryName));

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => (inner as ISupportExternalScope)?.SetScopeProvider(scopeProvider);

    public void Dispose() => inner.Dispose();

    /// <summary>When a kind was last written, and how many were left out since.</summary>
    private sealed class FailureKind
    {
        public DateTimeOffset WrittenAt;
        public int LeftOut;
        public bool TraceWritten;
    }

    /// <summary>Null: leave the entry out. Otherwise whether to keep the trace, and how many were left out before it.</summary>
    private (bool WithTrace, int LeftOut)? Admit(string key)
    {
        var kind = kinds.GetOrAdd(key, _ => new FailureKind());
        lock (kind)
        {
            var now = clock.GetUtcNow();
            if (kind.TraceWritten && now - kind.WrittenAt < interval)
            {
                kind.LeftOut++;
                return null;
            }
            var answer = (!kind.TraceWritten, kind.LeftOut);
            (kind.WrittenAt, kind.LeftOut, kind.TraceWritten) = (now, 0, true);
            return answer;
        }
    }

    private static string KeyOf(string category, object? state, Exception error)
    {
        var template = state is IReadOnlyList<KeyValuePair<string, object?>> values
            ? values.FirstOrDefault(v => v.Key == "{OriginalFormat}").Value as string
            : null;
        var types = new System.Text.StringBuilder();
        for (var e = error; e is not null && types.Length < 400; e = e.InnerException) types.Append(e.GetType().FullName).Append('>');
        return $"{category}|{template}|{types}";
    }

    private static string Innermost(Exception error)
    {
        while (error.InnerException is not null) error = error.InnerException;
        return $"{error.GetType().Name}: {error.Message}";
    }

    private sealed class Logger(RepeatedFailureLoggerProvider owner, string category, ILogger inner) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => inner.BeginScope(state);

        public bool IsEnabled(LogLevel logLevel) => inner.IsEnabled(logLevel);

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (exception is null || !inner.IsEnabled(logLevel))
            {
                inner.Log(logLevel, eventId, state, exception, formatter);
                return;
            }
            if (owner.Admit(KeyOf(category, state, exception)) is not { } admitted) return;
            if (admitted.WithTrace)
            {
                inner.Log(logLevel, eventId, state, exception, formatter);
                return;
            }
            var note = $" [{Innermost(exception)}; repeated failure: trace written at its first occurrence" +
                (admitted.LeftOut > 0 ? $", {admitted.LeftOut} like it left out in the last {owner.IntervalSeconds:0} s]" : "]");
            inner.Log(logLevel, eventId, state, null, (s, _) => formatter(s, exception) + note);
        }
    }
}
