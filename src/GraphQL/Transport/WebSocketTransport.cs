using System.Buffers;
using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Text.Json;
using Streaming.GraphQL.Execution;
using Streaming.Platform.Security;

namespace Streaming.GraphQL.Transport;

/// <summary>
/// graphql-transport-ws as a small state machine: waiting for connection_init (closed with 4408 after
/// the timeout), then acknowledged: subscribe/next/error/complete per operation id, ping/pong any time.
/// A message over <see cref="GraphQLOptions.MaxWebSocketMessageBytes"/> closes the connection with 1009;
/// more than <see cref="GraphQLOptions.MaxSubscriptionsPerConnection"/> operations at once are refused
/// one by one with an error message. The connection's tenant comes from the upgrade request's key or,
/// failing that, from connection_init (<see cref="GraphQLAuthentication.FromInitPayloadAsync"/>); without
/// one it is closed with 4401 (4403 for a write key) before it is acknowledged.
/// </summary>
public sealed class WebSocketTransport(GraphQLExecutor executor, GraphQLOptions options, TenantScope? tenant = null,
    Func<JsonElement?, ValueTask<(TenantScope? Tenant, int CloseCode)>>? authenticateInit = null) : IDisposable
{
    private enum State
    {
        AwaitingInit,
        Acknowledged,
    }

    public static async Task HandleAsync(HttpContext context, GraphQLExecutor executor, GraphQLOptions options, TenantScope? tenant = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!context.WebSockets.WebSocketRequestedProtocols.Contains(WsMessage.Protocol))
        {
            using var rejected = await context.WebSockets.AcceptWebSocketAsync();
            await rejected.CloseAsync((WebSocketCloseStatus)CloseCodes.SubprotocolNotAcceptable, "Subprotocol not acceptable", context.RequestAborted);
            return;
        }

        using var socket = await context.WebSockets.AcceptWebSocketAsync(WsMessage.Protocol);
        using var transport = new WebSocketTransport(executor, options, tenant,
            payload => GraphQLAuthentication.FromInitPayloadAsync(context, payload));
        await transport.RunAsync(socket, context.RequestServices, context.RequestAborted);
    }

    private readonly SemaphoreSlim _sendLock = new(1, 1);

    public void Dispose() => _sendLock.Dispose();
    private readonly ConcurrentDictionary<string, CancellationTokenSource> _operations = new();
    private State _state = State.AwaitingInit;
    private TenantScope? _tenant = tenant;
    private bool _initReceived;

    public async Task RunAsync(WebSocket socket, IServiceProvider services, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(socket);
        using var connection = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var initTimer = Task.Delay(TimeSpan.FromMilliseconds(options.ConnectionInitTimeoutMs), connection.Token).ContinueWith(async t =>
        {
            if (!t.IsCanceled && !_initReceived)
            {
                await CloseAsync(socket, CloseCodes.ConnectionInitialisationTimeout, "Connection initialisation timeout");
            }
        }, TaskScheduler.Default).Unwrap();

        var reader = new WebSocketMessageReader(options.MaxWebSocketMessageBytes);
        try
        {
            while (socket.State == WebSocketState.Open && !connection.IsCancellationRequested)
            {
                var outcome = await reader.ReceiveAsync(socket, connection.Token);
                if (outcome == WebSocketMessageReader.Outcome.Closed)
                {
                    break;
                }

                if (outcome == WebSocketMessageReader.Outcome.TooBig)
                {
                    executor.Diagnostics.Rejected("websocket_message_bytes");
                    await CloseAndDrainAsync(socket, CloseCodes.MessageTooBig, $"Message over {options.MaxWebSocketMessageBytes} bytes");
                    break;
                }

                var message = WsMessage.Parse(reader.Message, out var error);
                if (!await HandleMessage(socket, message, error, services, connection.Token))
                {
                    break;
                }
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or WebSocketException)
        {
            // The client went away: its operations are cancelled below.
        }
        catch (Exception ex)
        {
            // A fault of the transport itself: logged with an id, and the connection closed with 4500 and only the id.
            var id = executor.Diagnostics.InternalError(ex, "websocket");
            await CloseAsync(socket, CloseCodes.InternalServerError, GraphQLDiagnostics.ClientMessage(id));
        }
        finally
        {
            foreach (var operation in _operations.Values)
            {
                await operation.CancelAsync();
            }

            await connection.CancelAsync();
            try
            {
                await initTimer;
            }
            catch (OperationCanceledException)
            {
                // The timer was stopped.
            }
        }
    }

    private async Task<bool> HandleMessage(WebSocket socket, WsMessage? message, string? error, IServiceProvider services, CancellationToken cancellationToken)
    {
        switch (message)
        {
            case null:
                await CloseAsync(socket, CloseCodes.BadRequest, error ?? "Invalid message received");
                return false;
            case ConnectionInit:
                if (_initReceived)
                {
                    await CloseAsync(socket, CloseCodes.TooManyInitialisationRequests, "Too many initialisation requests");
                    return false;
                }

                _initReceived = true;
                if (_tenant is null && authenticateInit is not null)
                {
                    var (fromPayload, closeCode) = await authenticateInit(((ConnectionInit)message).Payload);
                    if (fromPayload is null)
                    {
                        await CloseAsync(socket, closeCode, closeCode == CloseCodes.Forbidden ? "Forbidden" : "Unauthorized");
                        return false;
                    }

                    _tenant = fromPayload;
                }

                _state = State.Acknowledged;
                await SendAsync(socket, w => w.WriteString("type", "connection_ack"));
                return true;
            case Ping:
                await SendAsync(socket, w => w.WriteString("type", "pong"));
                return true;
            case Pong:
                return true;
            case Subscribe subscribe:
                if (_state != State.Acknowledged)
                {
                    await CloseAsync(socket, CloseCodes.Unauthorized, "Unauthorized");
                    return false;
                }

                if (_operations.Count >= options.MaxSubscriptionsPerConnection && !_operations.ContainsKey(subscribe.Id))
                {
                    executor.Diagnostics.Rejected("subscriptions_per_connection");
                    await SendErrorAsync(socket, subscribe.Id, new GraphQLError(
                        $"Too many operations on this connection: at most {options.MaxSubscriptionsPerConnection} may run at once; complete one first.",
                        extensions: new Dictionary<string, object?> { ["code"] = "TOO_MANY_SUBSCRIPTIONS" }));
                    return true;
                }

                var operation = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                if (!_operations.TryAdd(subscribe.Id, operation))
                {
                    operation.Dispose();
                    await CloseAsync(socket, CloseCodes.SubscriberAlreadyExists, $"Subscriber for {subscribe.Id} already exists");
                    return false;
                }

                _ = RunOperation(socket, subscribe, services, operation);
                return true;
            case Complete complete:
                if (_operations.TryRemove(complete.Id, out var running))
                {
                    await running.CancelAsync();
                }

                return true;
            default:
                await CloseAsync(socket, CloseCodes.BadRequest, "Invalid message received");
                return false;
        }
    }

    private async Task RunOperation(WebSocket socket, Subscribe subscribe, IServiceProvider services, CancellationTokenSource operation)
    {
        var payload = subscribe.Payload;
        try
        {
            var request = new GraphQLRequest(
                payload.GetProperty("query").GetString()!,
                payload.TryGetProperty("operationName", out var name) && name.ValueKind == JsonValueKind.String ? name.GetString() : null,
                payload.TryGetProperty("variables", out var v) && v.ValueKind == JsonValueKind.Object ? JsonInput.ToDictionary(v) : null);
            await foreach (var result in executor.SubscribeAsync(request, new ExecuteOptions { Services = services, Tenant = _tenant }, operation.Token))
            {
                if (!result.HasData)
                {
                    await SendAsync(socket, w =>
                    {
                        w.WriteString("id", subscribe.Id);
                        w.WriteString("type", "error");
                        w.WritePropertyName("payload");
                        ResultWriter.WriteErrors(w, result.Errors);
                    });
                    return;
                }

                await SendAsync(socket, w =>
                {
                    w.WriteString("id", subscribe.Id);
                    w.WriteString("type", "next");
                    w.WritePropertyName("payload");
                    ResultWriter.Write(w, result);
                });
            }

            if (!operation.IsCancellationRequested)
            {
                await SendAsync(socket, w =>
                {
                    w.WriteString("id", subscribe.Id);
                    w.WriteString("type", "complete");
                });
            }
        }
        catch (OperationCanceledException) when (operation.IsCancellationRequested)
        {
            // Completed by the client or the connection closed.
        }
        catch (WebSocketException)
        {
            // The connection is gone.
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !operation.IsCancellationRequested)
        {
            // A fault in an event source or the transport: the operation ends with an error carrying only the id.
            var id = executor.Diagnostics.InternalError(ex, "websocket");
            await SendErrorAsync(socket, subscribe.Id, new GraphQLError(GraphQLDiagnostics.ClientMessage(id), extensions: GraphQLDiagnostics.ClientExtensions(id)));
        }
        finally
        {
            _operations.TryRemove(new KeyValuePair<string, CancellationTokenSource>(subscribe.Id, operation));
            operation.Dispose();
        }
    }

    private async Task SendErrorAsync(WebSocket socket, string id, GraphQLError error)
    {
        try
        {
            await SendAsync(socket, w =>
            {
                w.WriteString("id", id);
                w.WriteString("type", "error");
                w.WritePropertyName("payload");
                ResultWriter.WriteErrors(w, [error]);
            });
        }
        catch (WebSocketException)
        {
            // The connection is gone.
        }
    }

    private async Task SendAsync(WebSocket socket, Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            write(writer);
            writer.WriteEndObject();
        }

        await _sendLock.WaitAsync();
        try
        {
            if (socket.State == WebSocketState.Open)
            {
                await socket.SendAsync(buffer.WrittenMemory, WebSocketMessageType.Text, true, CancellationToken.None);
            }
        }
        finally
        {
            _sendLock.Release();
        }
    }

    /// <summary>
    /// Closes with a code and waits (up to <see cref="GraphQLOptions.WebSocketCloseTimeoutMs"/>) for the client's
    /// close frame, discarding what it still sends: closing the TCP connection with unread data would reset
    /// it, and the client would never see the code.
    /// </summary>
    private async Task CloseAndDrainAsync(WebSocket socket, int code, string reason)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMilliseconds(options.WebSocketCloseTimeoutMs));
        await _sendLock.WaitAsync();
        try
        {
            await socket.CloseAsync((WebSocketCloseStatus)code, reason, timeout.Token);
        }
        catch (Exception ex) when (ex is OperationCanceledException or WebSocketException)
        {
            // The client did not answer in time, or went away: the connection is dropped.
        }
        finally
        {
            _sendLock.Release();
        }
    }

    private async Task CloseAsync(WebSocket socket, int code, string reason)
    {
        await _sendLock.WaitAsync();
        try
        {
            if (socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
            {
                await socket.CloseOutputAsync((WebSocketCloseStatus)code, reason, CancellationToken.None);
            }
        }
        catch (WebSocketException)
        {
            // Already closed by the client.
        }
        finally
        {
            _sendLock.Release();
        }
    }
}
