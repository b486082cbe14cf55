namespace Streaming.GraphQL.Language.Ast;

/// <summary>https://spec.graphql.org/October2021/#Value</summary>
public abstract class ValueNode : Node;

public sealed class VariableNode : ValueNode
{
    public required string Name { get; init; }

    public Location NameLocation { get; init; }
}

public sealed class IntValueNode : ValueNode
{
    public required string Value { get; init; }
}

public sealed class FloatValueNode : ValueNode
{
    public required string Value { get; init; }
}

public sealed class StringValueNode : ValueNode
{
    public required string Value { get; init; }

    public bool Block { get; init; }
}

public sealed class BooleanValueNode : ValueNode
{
    public required bool Value { get; init; }
}

public sealed class NullValueNode : ValueNode;

public sealed class EnumValueNode : ValueNode
{
    public required string Value { get; init; }
}

public sealed class ListValueNode : ValueNode
{
    public required IReadOnlyList<ValueNode> Values { get; init; }
}

public sealed class ObjectValueNode : ValueNode
{
    public required IReadOnlyList<ObjectFieldNode> Fields { get; init; }
}

public sealed class ObjectFieldNode : Node
{
    public required string Name { get; init; }

    public Location NameLocation { get; init; }

    public required ValueNode Value { get; init; }
}
