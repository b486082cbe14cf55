using System.Text.Json;
using Streaming.Platform.Contracts.Events;

namespace Streaming.Projections.EventStore;

/// <summary>
/// One append request, serialized and checked before any database work: the rows per stream append,
/// then (once the streams are locked) the version check and assignment, then the per-stream result.
/// </summary>
internal sealed class AppendBatch
{
    private readonly IReadOnlyList<StreamAppend> _appends;
    private readonly AppendRow[][] _rows;
    private long[] _resultVersions = [];

    private AppendBatch(IReadOnlyList<StreamAppend> appends, AppendRow[][] rows)
    {
        _appends = appends;
        _rows = rows;
        EventIds = [.. rows.SelectMany(r => r).Select(r => r.Id)];
    }

    public Guid[] EventIds { get; }

    public static AppendBatch Prepare(IReadOnlyList<StreamAppend> appends, EventTypeMap types, JsonSerializerOptions json)
    {
        ArgumentNullException.ThrowIfNull(appends);
        var now = DateTime.UtcNow;
        var seen = new HashSet<Guid>();
        var rows = new AppendRow[appends.Count][];
        for (var i = 0; i < appends.Count; i++)
        {
            var append = appends[i] ?? throw new ArgumentException("An append is null.", nameof(appends));
            ArgumentException.ThrowIfNullOrEmpty(append.TenantId, nameof(appends));
            ArgumentException.ThrowIfNullOrEmpty(append.StreamId, nameof(appends));
            ArgumentNullException.ThrowIfNull(append.Events, nameof(appends));
            var key = new StreamKey(append.TenantId, append.StreamId);
            rows[i] = new AppendRow[append.Events.Count];
            for (var j = 0; j < append.Events.Count; j++)
            {
                var e = append.Events[j];
                if (!seen.Add(e.Id))
                {
                    throw new ArgumentException($"Event id {e.Id} appears twice in one append.", nameof(appends));
                }

                rows[i][j] = new AppendRow
                {
                    Id = e.Id,
                    Key = key,
                    Type = e.Type ?? types.NameOf(e.Data!.GetType()),
                    Json = e.Json ?? Serialize(e.Data!, json),
                    CorrelationId = e.Metadata.CorrelationId,
                    CausationId = e.Metadata.CausationId,
                    HeadersJson = EventStore.SerializeHeaders(e.Metadata.Headers, json),
                    Timestamp = e.Metadata.Timestamp?.UtcDateTime ?? now,
                };
            }
        }

        return new AppendBatch(appends, rows);
    }

    /// <summary>A domain event through its generated contract JSON; any other object through the store's serializer.</summary>
    private static string Serialize(object data, JsonSerializerOptions json) =>
        DomainEventRegistry.TryGet(data.GetType(), out var domain)
            ? JsonSerializer.Serialize(data, domain.JsonTypeInfo)
            : JsonSerializer.Serialize(data, data.GetType(), json);

    /// <summary>The streams that get events, sorted by key (the lock order).</summary>
    public List<(StreamKey Key, string? Type)> Streams()
    {
        var streams = new SortedDictionary<StreamKey, string?>();
        for (var i = 0; i < _appends.Count; i++)
        {
            if (_rows[i].Length > 0)
            {
                var key = new StreamKey(_appends[i].TenantId, _appends[i].StreamId);
                if (!streams.TryGetValue(key, out var type) || type is null)
                {
                    streams[key] = _appends[i].StreamType;
                }
            }
        }

        return [.. streams.Select(s => (s.Key, s.Value))];
    }

    /// <summary>
    /// Checks each append's expected version against the locked streams (in the order given, so a
    /// stream named twice is checked against its version after the earlier part) and numbers the new rows.
    /// Events already stored are skipped; if they are the leading events of an append, its expected
    /// version may be the one before them or the current one, so a redelivered batch that grew still appends.
    /// </summary>
    public (List<AppendRow> Rows, Dictionary<StreamKey, long> FinalVersions) AssignVersions(
        IReadOnlyDictionary<Guid, long> duplicates, IReadOnlyDictionary<StreamKey, long> locked)
    {
        var running = new Dictionary<StreamKey, long>(locked);
        var newRows = new List<AppendRow>();
        _resultVersions = new long[_appends.Count];
        for (var i = 0; i < _appends.Count; i++)
        {
            var append = _appends[i];
            var key = new StreamKey(append.TenantId, append.StreamId);
            var leading = 0;
            while (leading < _rows[i].Length && duplicates.ContainsKey(_rows[i][leading].Id))
            {
                leading++;
            }

            var fresh = _rows[i].Where(r => !duplicates.ContainsKey(r.Id)).ToList();
            if (fresh.Count == 0)
            {
                _resultVersions[i] = _rows[i].Length == 0 && running.TryGetValue(key, out var v) ? v : LastDuplicateVersion(i, duplicates);
                continue;
            }

            var current = running[key];
            var duplicatesInside = _rows[i].Length - fresh.Count;
            // With leading duplicates, the expected version may name the stream before them (the same request
            // replayed) or as it is now (the caller re-read the stream): both are consistent, anything else is stale.
            if (!append.Expected.IsAny
                && (duplicatesInside != leading || (current != append.Expected.Value + leading && current != append.Expected.Value)))
            {
                throw new WrongExpectedVersionException(append.TenantId, append.StreamId, append.Expected, current);
            }

            foreach (var row in fresh)
            {
                row.Version = ++current;
                newRows.Add(row);
            }

            running[key] = current;
            _resultVersions[i] = current;
        }

        var final = running.Where(kv => kv.Value != locked[kv.Key]).ToDictionary(kv => kv.Key, kv => kv.Value);
        return (newRows, final);
    }

    /// <summary>Forgets versions from an earlier attempt (a retried append starts over).</summary>
    public void ResetVersions() => _resultVersions = [];

    public AppendResult Result(IReadOnlyDictionary<Guid, long> duplicates)
    {
        var results = new StreamAppendResult[_appends.Count];
        for (var i = 0; i < _appends.Count; i++)
        {
            var dupes = _rows[i].Count(r => duplicates.ContainsKey(r.Id));
            var version = _resultVersions.Length > 0 ? _resultVersions[i] : LastDuplicateVersion(i, duplicates);
            results[i] = new StreamAppendResult(_appends[i].TenantId, _appends[i].StreamId, version, _rows[i].Length - dupes, dupes);
        }

        return new AppendResult(results);
    }

    private long LastDuplicateVersion(int append, IReadOnlyDictionary<Guid, long> duplicates) =>
        _rows[append].Select(r => duplicates.TryGetValue(r.Id, out var v) ? v : 0).DefaultIfEmpty(0).Max();
}
