using System.Text.Json.Nodes;
using Npgsql;
using Streaming.Processors.Identity;
using Streaming.Processors.Profiles;

namespace Streaming.Processors.Store;

/// <summary>The mapping between <see cref="ProfileState"/> and a <c>cdp.profiles</c> row.</summary>
internal static class ProfileRow
{
    public const string Columns =
        "id, tenant_id, version, traits::text, identifiers::text, event_count, track_count, page_count, identify_count, first_seen, last_seen";

    public static ProfileState Read(NpgsqlDataReader reader)
    {
        var state = new ProfileState
        {
            Id = reader.GetGuid(0),
            TenantId = reader.GetString(1),
            Version = reader.GetInt64(2),
            Traits = JsonNode.Parse(reader.GetString(3)) as JsonObject ?? [],
            EventCount = reader.GetInt64(5),
            TrackCount = reader.GetInt64(6),
            PageCount = reader.GetInt64(7),
            IdentifyCount = reader.GetInt64(8),
            FirstSeen = reader.GetFieldValue<DateTimeOffset>(9),
            LastSeen = reader.GetFieldValue<DateTimeOffset>(10),
        };
        state.StoredJson = (reader.GetString(3), reader.GetString(4));
        if (JsonNode.Parse(reader.GetString(4)) is JsonArray ids)
        {
            foreach (var node in ids.OfType<JsonObject>())
            {
                if (Identifier.TryParseKind((string?)node["type"] ?? "", out var kind) && (string?)node["value"] is { } value)
                {
                    state.Identifiers.Add(new Identifier(kind, value));
                }
            }
        }

        return state;
    }

    public static string IdentifiersJson(ProfileState state) =>
        Topology.Stages.ResolveIdentityStage.IdentifiersJson(
            state.Identifiers.OrderBy(i => i.Kind).ThenBy(i => i.Value, StringComparer.Ordinal)).ToJsonString();
}
