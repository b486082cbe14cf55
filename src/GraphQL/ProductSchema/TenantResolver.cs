using Streaming.GraphQL.Execution;
using Streaming.Platform.Security;

namespace Streaming.GraphQL.ProductSchema;

/// <summary>
/// A root field's resolver in the product schema: it gets the caller's tenant as an argument,
/// and every read it makes is scoped by <see cref="TenantScope.TenantId"/>.
/// </summary>
public delegate object? TenantResolver(ResolveContext context, TenantScope tenant);

/// <summary>A root subscription field's event source, given the caller's tenant.</summary>
public delegate IAsyncEnumerable<object?> TenantSubscription(ResolveContext context, TenantScope tenant);
