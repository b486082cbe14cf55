using System.Buffers;
using System.Text.Json;
using Streaming.GraphQL.Language;
using Streaming.GraphQL.Language.Ast;
using Streaming.GraphQL.Types;
using Streaming.GraphQL.Validation;
using Streaming.GraphQL.Validation.Rules;

namespace Streaming.GraphQL.Execution;

/// <summary>
/// The request pipeline: check the document's size → parse → validate (both cached by query text, when
/// valid) → coerce variables → check limits → execute. One instance per schema; thread-safe.
/// </summary>
public sealed partial class GraphQLExecutor
{
    private readonly DocumentCache _cache;
    private readonly ParserOptions _parserOptions;

    public GraphQLExecutor(Schema schema, ExecutionLimits? limits = null, ParserOptions? parserOptions = null, int documentCacheSize = 1000,
        long documentCacheBytes = DefaultDocumentCacheBytes, GraphQLDiagnostics? diagnostics = null)
    {
        ArgumentNullException.ThrowIfNull(schema);
        Schema = schema;
        Limits = limits ?? new ExecutionLimits();
        _parserOptions = parserOptions ?? ParserOptions.Default;
        _cache = new DocumentCache(documentCacheSize, documentCacheBytes);
        Diagnostics = diagnostics ?? GraphQLDiagnostics.None;
    }

    public const long DefaultDocumentCacheBytes = 32L * 1024 * 1024;

    public Schema Schema { get; }

    public ExecutionLimits Limits { get; }

    public GraphQLDiagnostics Diagnostics { get; }

    internal int CachedDocuments => _cache.Count;

    internal long CachedDocumentBytes => _cache.Bytes;

    public async ValueTask<ExecutionResult> ExecuteAsync(GraphQLRequest request, ExecuteOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        options ??= ExecuteOptions.Default;
        var prepared = Prepare(request, options);
        if (prepared.Result is not null)
        {
            return prepared.Result;
        }

        var (document, plan, variables) = (prepared.Document!, prepared.Plan!, prepared.Variables!);
        if (plan.CachedResponse is { } cached)
        {
            return new ExecutionResult { HasData = true, Preserialized = cached };
        }

        var operation = plan.Operation;
        var collector = new FieldCollector(Schema, document.Document!, variables);
        var root = Schema.RootType(operation.Operation)!;
        var rootPlan = plan.StaticRoot ?? collector.Collect(root, operation.SelectionSet);
        var context = new ExecutionContext(Schema, collector, variables, options.RootValue, options.Services ?? EmptyServices.Instance, cancellationToken)
        {
            Diagnostics = Diagnostics,
            Tenant = options.Tenant,
        };
        var data = await context.RunAsync(Executor.ExecuteOperation(context, rootPlan, operation.Operation == OperationType.Mutation));
        var result = new ExecutionResult { Data = data, HasData = true, Errors = context.Errors };
        if (plan.IntrospectionOnly && result.Errors.Count == 0)
        {
            var bytes = ResultWriter.ToBytes(result);
            plan.CachedResponse = bytes;
            _cache.Grow(document, bytes.Length);
        }

        return result;
    }

    /// <summary>Everything before execution; the result is set when the request fails before it.</summary>
    internal PreparedRequest Prepare(GraphQLRequest request, ExecuteOptions options)
    {
        if (DocumentTooLarge(request.Query) is { } tooLarge)
        {
            Diagnostics.Rejected("document_bytes");
            return new PreparedRequest { Result = ExecutionResult.RequestError(RequestFailure.DocumentTooLarge, tooLarge) };
        }

        var document = _cache.GetOrAdd(request.Query, ParseAndValidate);
        if (document.Errors.Count > 0)
        {
            if (document.Failure == RequestFailure.Limits)
            {
                Diagnostics.Rejected("fields_or_aliases");
            }

            return new PreparedRequest { Result = ExecutionResult.RequestError(document.Failure, [.. document.Errors]) };
        }

        var operation = SelectOperation(document.Document!, request.OperationName, out var operationError);
        if (operation is null)
        {
            return new PreparedRequest { Result = ExecutionResult.RequestError(RequestFailure.OperationNotFound, new GraphQLError(operationError!)) };
        }

        if (options.QueriesOnly && operation.Operation != OperationType.Query)
        {
            return new PreparedRequest
            {
                Result = ExecutionResult.RequestError(RequestFailure.MutationOverGet,
                    new GraphQLError($"Can only perform a {operation.Operation.ToString().ToLowerInvariant()} operation from a POST request.")),
            };
        }

        if (Schema.RootType(operation.Operation) is null)
        {
            return new PreparedRequest
            {
                Result = ExecutionResult.RequestError(RequestFailure.Validation,
                    GraphQLError.At($"Schema is not configured to execute {operation.Operation.ToString().ToLowerInvariant()} operation.", document.Document!.Source, operation)),
            };
        }

        var errors = new List<GraphQLError>();
        var variables = operation.VariableDefinitions.Count == 0
            ? (IReadOnlyDictionary<string, object?>)InputCoercion.Empty
            : InputCoercion.CoerceVariableValues(Schema, operation, request.Variables, document.Document!.Source, errors);
        if (errors.Count > 0)
        {
            return new PreparedRequest { Result = ExecutionResult.RequestError(RequestFailure.Variables, [.. errors]) };
        }

        var plan = document.Operations.GetOrAdd(operation.Name ?? string.Empty, _ => CreatePlan(document, operation));
        if (!plan.WithinLimits)
        {
            if (Limits.Check(Schema, document.Document!, operation, variables) is { } limitError)
            {
                Diagnostics.Rejected("depth_or_cost");
                return new PreparedRequest { Result = ExecutionResult.RequestError(RequestFailure.Limits, limitError) };
            }

            plan.WithinLimits = operation.VariableDefinitions.Count == 0;
        }

        return new PreparedRequest { Document = document, Plan = plan, Variables = variables };
    }

    private OperationPlan CreatePlan(CachedDocument document, OperationDefinitionNode operation)
    {
        var allocated = GC.GetAllocatedBytesForCurrentThread();
        var plan = BuildPlan(document, operation);
        _cache.Grow(document, GC.GetAllocatedBytesForCurrentThread() - allocated);
        return plan;
    }

    private OperationPlan BuildPlan(CachedDocument document, OperationDefinitionNode operation)
    {
        var introspectionOnly = operation.Operation == OperationType.Query && operation.VariableDefinitions.Count == 0
            && !document.HasVariableDirectives
            && operation.SelectionSet.Selections.All(s => s is FieldNode f && f.Name.StartsWith("__", StringComparison.Ordinal) && f.Directives.Count == 0);
        var plan = new OperationPlan(operation) { IntrospectionOnly = introspectionOnly };
        if (!document.HasVariableDirectives && Schema.RootType(operation.Operation) is { } root)
        {
            plan.StaticRoot = new FieldCollector(Schema, document.Document!, InputCoercion.Empty).Collect(root, operation.SelectionSet);
        }

        return plan;
    }

    /// <summary>The document's size in UTF-8 bytes against the limit, counted only when the length in characters leaves it in doubt.</summary>
    private GraphQLError? DocumentTooLarge(string query)
    {
        var max = Limits.MaxDocumentBytes;
        if (query.Length <= max / 3)
        {
            return null;
        }

        var bytes = query.Length > max ? query.Length : System.Text.Encoding.UTF8.GetByteCount(query);
        return bytes > max
            ? new GraphQLError(query.Length > max
                ? $"The document is more than {max} bytes long, the maximum."
                : $"The document is {bytes} bytes long; at most {max} are allowed.")
            : null;
    }

    private CachedDocument ParseAndValidate(string query)
    {
        // What parsing allocates bounds what the document keeps alive: its weight in the cache.
        var allocated = GC.GetAllocatedBytesForCurrentThread();
        DocumentNode document;
        try
        {
            document = Parser.Parse(new Source(query), _parserOptions);
        }
        catch (GraphQLSyntaxException ex)
        {
            return new CachedDocument { Errors = [GraphQLError.FromSyntax(ex)], Failure = RequestFailure.Syntax };
        }

        var weight = GC.GetAllocatedBytesForCurrentThread() - allocated;
        var limits = new MaxFieldsAndAliases(Limits.MaxFields, Limits.MaxAliases);
        var errors = DocumentValidator.Validate(Schema, document, [limits]);
        if (errors.Count > 0)
        {
            return new CachedDocument { Document = document, Errors = errors, Failure = limits.Reported ? RequestFailure.Limits : RequestFailure.Validation };
        }

        return new CachedDocument { Document = document, HasVariableDirectives = FieldCollector.HasVariableDirectives(document), Weight = weight };
    }

    /// <summary>https://spec.graphql.org/October2021/#GetOperation()</summary>
    private static OperationDefinitionNode? SelectOperation(DocumentNode document, string? name, out string? error)
    {
        error = null;
        var operations = document.Definitions.OfType<OperationDefinitionNode>().ToList();
        if (string.IsNullOrEmpty(name))
        {
            if (operations.Count == 1)
            {
                return operations[0];
            }

            error = operations.Count == 0 ? "Must provide an operation." : "Must provide operation name if query contains multiple operations.";
            return null;
        }

        var operation = operations.FirstOrDefault(o => o.Name == name);
        if (operation is null)
        {
            error = $"Unknown operation named \"{name}\".";
        }

        return operation;
    }

    /// <summary>Serializes a result into a pooled buffer: the transports copy it to the response.</summary>
    public static void WriteResult(IBufferWriter<byte> output, ExecutionResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (result.Preserialized is { } bytes)
        {
            output.Write(bytes.Span);
            return;
        }

        using var writer = new Utf8JsonWriter(output, new JsonWriterOptions { SkipValidation = true });
        ResultWriter.Write(writer, result);
    }
}

internal sealed class PreparedRequest
{
    public ExecutionResult? Result { get; init; }

    public CachedDocument? Document { get; init; }

    public OperationPlan? Plan { get; init; }

    public IReadOnlyDictionary<string, object?>? Variables { get; init; }
}

internal sealed class EmptyServices : IServiceProvider
{
    public static EmptyServices Instance { get; } = new();

    public object? GetService(Type serviceType) => null;
}
