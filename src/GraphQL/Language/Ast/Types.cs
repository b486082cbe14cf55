namespace Streaming.GraphQL.Language.Ast;

/// <summary>https://spec.graphql.org/October2021/#Type</summary>
public abstract class TypeNode : Node;

public sealed class NamedTypeNode : TypeNode
{
    public required string Name { get; init; }
}

public sealed class ListTypeNode : TypeNode
{
    public required TypeNode Type { get; init; }
}

public sealed class NonNullTypeNode : TypeNode
{
    public required TypeNode Type { get; init; }
}
