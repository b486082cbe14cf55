using System.Text.Json;

namespace Streaming.GraphQL.Transport;

/// <summary>The close codes of graphql-transport-ws (https://github.com/enisdenjo/graphql-ws/blob/master/PROTOCOL.md).</summary>
public static class CloseCodes
{
    public const int Normal = 1000;

    /// <summary>RFC 6455 §7.4.1: a message too big to process (over <see cref="GraphQLOptions.MaxWebSocketMessageBytes"/>).</summary>
    public const int MessageTooBig = 1009;
    public const int InternalServerError = 4500;
    public const int BadRequest = 4400;
    public const int Unauthorized = 4401;
    public const int Forbidden = 4403;
    public const int SubprotocolNotAcceptable = 4406;
    public const int ConnectionInitialisationTimeout = 4408;
    public const int ConnectionAcknowledgementTimeout = 4504;
    public const int SubscriberAlreadyExists = 4409;
    public const int TooManyInitialisationRequests = 4429;
}

/// <summary>One record per message type of the protocol.</summary>
public abstract record WsMessage
{
    public const string Protocol = "graphql-transport-ws";

    /// <summary>Reads a client message; null (with the reason) when it is not a valid one.</summary>
    public static WsMessage? Parse(ReadOnlySpan<byte> json, out string? error)
    {
        error = null;
        try
        {
            using var document = JsonDocument.Parse(json.ToArray());
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("type", out var type) || type.ValueKind != JsonValueKind.String)
            {
                error = "Invalid message received";
                return null;
            }

            string? id = root.TryGetProperty("id", out var idElement) && idElement.ValueKind == JsonValueKind.String ? idElement.GetString() : null;
            root.TryGetProperty("payload", out var payload);
            switch (type.GetString())
            {
                case "connection_init":
                    return new ConnectionInit(payload.ValueKind == JsonValueKind.Object ? payload.Clone() : null);
                case "ping":
                    return new Ping(payload.ValueKind == JsonValueKind.Object ? payload.Clone() : null);
                case "pong":
                    return new Pong();
                case "subscribe" when !string.IsNullOrEmpty(id) && payload.ValueKind == JsonValueKind.Object
                    && payload.TryGetProperty("query", out var query) && query.ValueKind == JsonValueKind.String:
                    return new Subscribe(id, payload.Clone());
                case "complete" when !string.IsNullOrEmpty(id):
                    return new Complete(id);
                default:
                    error = $"Invalid message received";
                    return null;
            }
        }
        catch (JsonException)
        {
            error = "Invalid message received";
            return null;
        }
    }
}

public sealed record ConnectionInit(JsonElement? Payload) : WsMessage;

public sealed record ConnectionAck : WsMessage;

public sealed record Ping(JsonElement? Payload) : WsMessage;

public sealed record Pong : WsMessage;

public sealed record Subscribe(string Id, JsonElement Payload) : WsMessage;

public sealed record Next(string Id) : WsMessage;

public sealed record Error(string Id) : WsMessage;

public sealed record Complete(string Id) : WsMessage;
