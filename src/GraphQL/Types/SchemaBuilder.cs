namespace Streaming.GraphQL.Types;

/// <summary>
/// Collects the product schema from its parts: each part adds fields to the root types and its own
/// types; <see cref="Build"/> checks the whole and freezes it.
/// </summary>
public sealed class SchemaBuilder
{
    private readonly List<NamedType> _types = [];
    private readonly List<DirectiveDefinition> _directives = [];

    public ObjectType Query { get; } = new("Query", "Reads.");

    public ObjectType Mutation { get; } = new("Mutation", "Writes.");

    public ObjectType Subscription { get; } = new("Subscription", "Streams of changes.");

    public string? Description { get; set; }

    /// <summary>Adds types that no root field reaches (implementations of interfaces, for example).</summary>
    public SchemaBuilder Add(params NamedType[] types)
    {
        _types.AddRange(types);
        return this;
    }

    public SchemaBuilder Add(DirectiveDefinition directive)
    {
        _directives.Add(directive);
        return this;
    }

    public Schema Build() => new(Query,
        Mutation.Fields.Count > 0 ? Mutation : null,
        Subscription.Fields.Count > 0 ? Subscription : null,
        _types, _directives, Description);
}
