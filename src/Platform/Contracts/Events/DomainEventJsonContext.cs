using System.Text.Json.Serialization;

namespace Streaming.Platform.Contracts.Events;

/// <summary>
/// The JSON of every domain event, source-generated (no reflection): camelCase, absent optional
/// fields omitted. What it writes is pinned by the contract test (<c>DomainEventContractTests</c>).
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ProfileActivityRecorded))]
[JsonSerializable(typeof(ProfileIdentified))]
[JsonSerializable(typeof(ProfileAliased))]
[JsonSerializable(typeof(ProfileMerged))]
[JsonSerializable(typeof(ProfileMergedInto))]
[JsonSerializable(typeof(ProfileForgotten))]
public sealed partial class DomainEventJsonContext : JsonSerializerContext;
