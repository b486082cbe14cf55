using Streaming.GraphQL.Execution;
using Streaming.GraphQL.Types;
using Streaming.Platform.Security;

namespace Streaming.GraphQL.ProductSchema;

/// <summary>
/// What a product-schema part may add: root fields, each with the scope it needs and a resolver
/// that takes the caller's <see cref="TenantScope"/>. The root types themselves are out of reach,
/// so no root field can be written that runs without a tenant or without a scope check. Object
/// types below the root resolve from their parent's value, which the root resolver already scoped.
/// </summary>
public sealed class ProductSchemaBuilder
{
    private readonly SchemaBuilder _schema;

    public ProductSchemaBuilder(SchemaBuilder schema)
    {
        ArgumentNullException.ThrowIfNull(schema);
        _schema = schema;
    }

    /// <summary>Adds types that no root field reaches (implementations of interfaces, for example).</summary>
    public ProductSchemaBuilder Add(params NamedType[] types)
    {
        _schema.Add(types);
        return this;
    }

    public FieldDefinition Query(string name, GraphQLType type, string scope, TenantResolver resolve, string? description = null) =>
        _schema.Query.Field(name, type, Scoped(scope, resolve), description);

    public FieldDefinition Mutation(string name, GraphQLType type, string scope, TenantResolver resolve, string? description = null) =>
        _schema.Mutation.Field(name, type, Scoped(scope, resolve), description);

    public FieldDefinition Subscription(string name, GraphQLType type, string scope, TenantSubscription subscribe, string? description = null)
    {
        ArgumentNullException.ThrowIfNull(subscribe);
        CheckScope(scope);
        var field = _schema.Subscription.Field(name, type, description: description);
        field.Subscribe = c => subscribe(c, Require(c, scope));
        return field;
    }

    private static FieldResolver Scoped(string scope, TenantResolver resolve)
    {
        ArgumentNullException.ThrowIfNull(resolve);
        CheckScope(scope);
        return c => resolve(c, Require(c, scope));
    }

    private static void CheckScope(string scope)
    {
        if (!Scopes.IsKnown(scope))
        {
            throw new ArgumentException($"unknown scope \"{scope}\"", nameof(scope));
        }
    }

    /// <summary>The caller's tenant when its key holds <paramref name="scope"/>; otherwise a field error (UNAUTHENTICATED or FORBIDDEN).</summary>
    private static TenantScope Require(ResolveContext context, string scope)
    {
        var tenant = context.Tenant ?? throw Refused("a secret key is required", "UNAUTHENTICATED");
        return tenant.Allows(scope) ? tenant : throw Refused($"the key lacks the \"{scope}\" scope", "FORBIDDEN");
    }

    private static GraphQLException Refused(string message, string code) =>
        new(message, new Dictionary<string, object?> { ["code"] = code });
}
