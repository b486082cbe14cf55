using System.Runtime.CompilerServices;
using Streaming.GraphQL.Language.Ast;

namespace Streaming.GraphQL.Execution;

public sealed partial class GraphQLExecutor
{
    /// <summary>
    /// https://spec.graphql.org/October2021/#sec-Subscription: a query or mutation yields one result; a
    /// subscription yields one per source event, each executed with the event as the root field's value
    /// (or passed to the root field's resolver as its source when it has one).
    /// </summary>
    public async IAsyncEnumerable<ExecutionResult> SubscribeAsync(GraphQLRequest request, ExecuteOptions? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        options ??= ExecuteOptions.Default;
        var prepared = Prepare(request, options);
        if (prepared.Result is not null)
        {
            yield return prepared.Result;
            yield break;
        }

        var operation = prepared.Plan!.Operation;
        if (operation.Operation != OperationType.Subscription)
        {
            yield return await ExecuteAsync(request, options, cancellationToken);
            yield break;
        }

        var variables = prepared.Variables!;
        var collector = new FieldCollector(Schema, prepared.Document!.Document!, variables);
        var root = Schema.Subscription!;
        var rootPlan = prepared.Plan.StaticRoot ?? collector.Collect(root, operation.SelectionSet);
        var field = rootPlan.Fields[0];
        var services = options.Services ?? EmptyServices.Instance;

        IAsyncEnumerable<object?> events;
        var setup = new ExecutionContext(Schema, collector, variables, options.RootValue, services, cancellationToken) { Diagnostics = Diagnostics, Tenant = options.Tenant };
        string? failure = null;
        IReadOnlyDictionary<string, object?>? extensions = null;
        try
        {
            if (field.Definition.Subscribe is null)
            {
                failure = $"Subscription field \"{field.Definition.Name}\" has no event source.";
                events = Empty();
            }
            else
            {
                var arguments = field.StaticArguments ?? InputCoercion.CoerceArgumentValues(field.Definition.Arguments, field.Nodes[0].Arguments, variables, setup.Source, field.Nodes[0]);
                events = field.Definition.Subscribe(new ResolveContext(setup, root, options.RootValue, field, arguments, null));
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            (failure, extensions) = ex switch
            {
                FieldErrorException fe => (fe.Error.Message, null),
                GraphQLException ge => (ge.Message, ge.Extensions),
                // Any other exception is a fault, and its message is not for the client.
                _ => Internal(Diagnostics.InternalError(ex, "subscription")),
            };
            events = Empty();
        }

        if (failure is not null)
        {
            yield return ExecutionResult.RequestError(RequestFailure.Validation,
                new GraphQLError(failure, [setup.Source.GetLocation(field.Nodes[0].Location.Start)], [field.ResponseKey], extensions));
            yield break;
        }

        await foreach (var item in events.WithCancellation(cancellationToken))
        {
            var context = new ExecutionContext(Schema, collector, variables, item, services, cancellationToken) { Diagnostics = Diagnostics, Tenant = options.Tenant };
            var data = await context.RunAsync(Executor.ExecuteOperation(context, rootPlan, serial: false));
            yield return new ExecutionResult { Data = data, HasData = true, Errors = context.Errors };
        }
    }

    private static (string, IReadOnlyDictionary<string, object?>) Internal(string id) => (GraphQLDiagnostics.ClientMessage(id), GraphQLDiagnostics.ClientExtensions(id));

    private static async IAsyncEnumerable<object?> Empty()
    {
        await Task.CompletedTask;
        yield break;
    }
}
