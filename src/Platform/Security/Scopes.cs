namespace Streaming.Platform.Security;

/// <summary>
/// What a secret key may do. A key holds one or more; <see cref="Admin"/> implies the others within
/// the key's tenant (an operator's key), never another tenant's.
/// </summary>
public static class Scopes
{
    /// <summary>Read the tenant's data: profiles, timelines, read models, GraphQL queries and subscriptions.</summary>
    public const string Read = "read";

    /// <summary>Create and change definitions: segments, flows, campaigns, templates, budgets, prices.</summary>
    public const string Definitions = "definitions";

    /// <summary>GDPR access (export) and erasure of one person.</summary>
    public const string Privacy = "privacy";

    /// <summary>Manage the tenant's keys (create, list, revoke, rotate); implies every other scope.</summary>
    public const string Admin = "admin";

    public static IReadOnlyList<string> All { get; } = [Read, Definitions, Privacy, Admin];

    public static bool IsKnown(string scope) => All.Contains(scope, StringComparer.Ordinal);
}
