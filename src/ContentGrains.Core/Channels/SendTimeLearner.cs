using ContentGrains.Core.Events;
using ContentGrains.Core.Log;

namespace ContentGrains.Core.Channels;

/// <summary>What learning send times from the log gave: the model, the people seen (sorted, the planner's audience) and the events read.</summary>
public sealed record SendTimeFit(SendTimeModel Model, IReadOnlyList<string> Persons, long EventsRead, DateTimeOffset? LastEventAt);

/// <summary>
/// Learns the send-time model from the event log, read in pages of <paramref name="pageEvents"/> (never the whole log):
/// an impression on a channel is a send at the person's local hour of week; it is opened when the person views,
/// clicks or otherwise engages with the same item on the same channel within <paramref name="openWindow"/>. Sends wait
/// in memory only until their window has passed (the log is in time order, give or take a batch), so memory is the
/// sends of one window plus the model.
/// </summary>
public sealed class SendTimeLearner(
    IEventLog log, int pageEvents, TimeSpan openWindow, Func<string, ValueTask<TimeZoneInfo>> zoneOf, IPersonSegments segments,
    SendTimeSettings settings, Func<Interaction, bool>? include = null)
{
    private sealed record Pending(DateTimeOffset At, int HourOfWeek, string? Group)
    {
        public bool Opened { get; set; }
    }

    private readonly Dictionary<(string User, string Item, string Channel), Pending> pending = [];
    private readonly Dictionary<string, (TimeZoneInfo Zone, string? Group)> people = new(StringComparer.Ordinal);

    public async Task<SendTimeFit> LearnAsync(CancellationToken cancellation)
    {
        var model = new SendTimeModel(settings);
        long after = 0, read = 0;
        DateTimeOffset? last = null;
        while (true)
        {
            var page = await log.ReadAsync(after, pageEvents, cancellation).ConfigureAwait(false);
            foreach (var logged in page)
            {
                if (include is not null && !include(logged.Event)) continue; // another tenant's event (Core.Tenants)
                await AddAsync(logged.Event).ConfigureAwait(false);
                last = last is { } l && l > logged.Event.Timestamp ? l : logged.Event.Timestamp;
                read++;
            }
            if (last is { } now) Flush(model, now - openWindow);
            if (page.Count < pageEvents) break;
            after = page[^1].Sequence;
        }
        Flush(model, DateTimeOffset.MaxValue);
        var persons = people.Keys.Order(StringComparer.Ordinal).Take(settings.MaxPersons).ToList();
        return new SendTimeFit(model, persons, read, last);
    }

    private async ValueTask AddAsync(Interaction e)
    {
        var key = (e.UserId, e.ItemId, e.Channel);
        if (e.Type == EventType.Impression)
        {
            var (zone, group) = await PersonAsync(e.UserId).ConfigureAwait(false);
            pending[key] = new Pending(e.Timestamp, HourOfWeek.Of(e.Timestamp, zone), group);
        }
        else if (e.Type != EventType.Dislike && pending.TryGetValue(key, out var send) && e.Timestamp - send.At <= openWindow)
        {
            send.Opened = true;
        }
    }

    private async ValueTask<(TimeZoneInfo, string?)> PersonAsync(string userId)
    {
        if (people.TryGetValue(userId, out var known)) return known;
        var person = (await zoneOf(userId).ConfigureAwait(false), await segments.SegmentOfAsync(userId).ConfigureAwait(false));
        people[userId] = person;
        return person;
    }

    /// <summary>Adds to the model every waiting send made before <paramref name="before"/>: its window has passed.</summary>
    private void Flush(SendTimeModel model, DateTimeOffset before)
    {
        foreach (var (key, send) in pending.Where(p => p.Value.At < before).ToList())
        {
            model.Add(key.Channel, send.Group, key.User, send.HourOfWeek, send.Opened);
            pending.Remove(key);
        }
    }
}
