namespace Streaming.GraphQL.Language.Ast;

/// <summary>A byte range in the source; turned into line and column only when an error is reported.</summary>
public readonly record struct Location(int Start, int End);

/// <summary>Base of every syntax tree node.</summary>
public abstract class Node
{
    public Location Location { get; init; }
}

/// <summary>https://spec.graphql.org/October2021/#Document</summary>
public sealed class DocumentNode : Node
{
    public required IReadOnlyList<DefinitionNode> Definitions { get; init; }

    public required Source Source { get; init; }
}

public abstract class DefinitionNode : Node;

/// <summary>
/// A type system definition or extension inside a document sent for execution: parsed only so that
/// validation can report it (ExecutableDefinitions); the engine builds its schema in code.
/// </summary>
public sealed class TypeSystemDefinitionNode : DefinitionNode
{
    public required string Keyword { get; init; }

    public string? Name { get; init; }
}

public enum OperationType
{
    Query,
    Mutation,
    Subscription,
}

/// <summary>https://spec.graphql.org/October2021/#OperationDefinition</summary>
public sealed class OperationDefinitionNode : DefinitionNode
{
    public required OperationType Operation { get; init; }

    public string? Name { get; init; }

    public Location NameLocation { get; init; }

    public required IReadOnlyList<VariableDefinitionNode> VariableDefinitions { get; init; }

    public required IReadOnlyList<DirectiveNode> Directives { get; init; }

    public required SelectionSetNode SelectionSet { get; init; }
}

/// <summary>https://spec.graphql.org/October2021/#VariableDefinition</summary>
public sealed class VariableDefinitionNode : Node
{
    public required VariableNode Variable { get; init; }

    public required TypeNode Type { get; init; }

    public ValueNode? DefaultValue { get; init; }

    public required IReadOnlyList<DirectiveNode> Directives { get; init; }
}

/// <summary>https://spec.graphql.org/October2021/#SelectionSet</summary>
public sealed class SelectionSetNode : Node
{
    public required IReadOnlyList<SelectionNode> Selections { get; init; }
}

public abstract class SelectionNode : Node
{
    public required IReadOnlyList<DirectiveNode> Directives { get; init; }
}

/// <summary>https://spec.graphql.org/October2021/#Field</summary>
public sealed class FieldNode : SelectionNode
{
    public string? Alias { get; init; }

    public required string Name { get; init; }

    public Location NameLocation { get; init; }

    public required IReadOnlyList<ArgumentNode> Arguments { get; init; }

    public SelectionSetNode? SelectionSet { get; init; }

    public string ResponseKey => Alias ?? Name;
}

/// <summary>https://spec.graphql.org/October2021/#FragmentSpread</summary>
public sealed class FragmentSpreadNode : SelectionNode
{
    public required string Name { get; init; }

    public Location NameLocation { get; init; }
}

/// <summary>https://spec.graphql.org/October2021/#InlineFragment</summary>
public sealed class InlineFragmentNode : SelectionNode
{
    public NamedTypeNode? TypeCondition { get; init; }

    public required SelectionSetNode SelectionSet { get; init; }
}

/// <summary>https://spec.graphql.org/October2021/#FragmentDefinition</summary>
public sealed class FragmentDefinitionNode : DefinitionNode
{
    public required string Name { get; init; }

    public Location NameLocation { get; init; }

    public required NamedTypeNode TypeCondition { get; init; }

    public required IReadOnlyList<DirectiveNode> Directives { get; init; }

    public required SelectionSetNode SelectionSet { get; init; }
}

/// <summary>https://spec.graphql.org/October2021/#Argument</summary>
public sealed class ArgumentNode : Node
{
    public required string Name { get; init; }

    public Location NameLocation { get; init; }

    public required ValueNode Value { get; init; }
}

/// <summary>https://spec.graphql.org/October2021/#Directive</summary>
public sealed class DirectiveNode : Node
{
    public required string Name { get; init; }

    public required IReadOnlyList<ArgumentNode> Arguments { get; init; }
}
