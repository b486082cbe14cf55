using Streaming.GraphQL.Language.Ast;

namespace Streaming.GraphQL.Validation;

/// <summary>
/// One validation rule: a visitor called on entering and leaving each node of the document, with
/// the type information of that position in the <see cref="ValidationContext"/>.
/// </summary>
public abstract class ValidationRule
{
    public virtual void EnterDocument(ValidationContext context, DocumentNode node) { }

    public virtual void LeaveDocument(ValidationContext context, DocumentNode node) { }

    public virtual void EnterOperation(ValidationContext context, OperationDefinitionNode node) { }

    public virtual void LeaveOperation(ValidationContext context, OperationDefinitionNode node) { }

    public virtual void EnterFragmentDefinition(ValidationContext context, FragmentDefinitionNode node) { }

    public virtual void EnterTypeSystemDefinition(ValidationContext context, TypeSystemDefinitionNode node) { }

    public virtual void EnterVariableDefinition(ValidationContext context, VariableDefinitionNode node) { }

    public virtual void EnterSelectionSet(ValidationContext context, SelectionSetNode node) { }

    public virtual void EnterField(ValidationContext context, FieldNode node) { }

    public virtual void LeaveField(ValidationContext context, FieldNode node) { }

    public virtual void EnterInlineFragment(ValidationContext context, InlineFragmentNode node) { }

    public virtual void EnterFragmentSpread(ValidationContext context, FragmentSpreadNode node) { }

    public virtual void EnterDirective(ValidationContext context, DirectiveNode node, Node parent) { }

    public virtual void LeaveDirective(ValidationContext context, DirectiveNode node) { }

    public virtual void EnterDirectives(ValidationContext context, IReadOnlyList<DirectiveNode> directives, Node parent) { }

    public virtual void EnterArgument(ValidationContext context, ArgumentNode node) { }

    public virtual void EnterArguments(ValidationContext context, IReadOnlyList<ArgumentNode> arguments) { }

    public virtual void EnterNamedType(ValidationContext context, NamedTypeNode node) { }

    /// <summary>Called for every value node; return false to skip its children (lists, objects).</summary>
    public virtual bool EnterValue(ValidationContext context, ValueNode node) => true;

    public virtual void EnterObjectField(ValidationContext context, ObjectFieldNode node) { }
}
