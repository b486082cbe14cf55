using Streaming.GraphQL.Execution;
using Streaming.GraphQL.Language.Ast;
using Streaming.GraphQL.Types;

namespace Streaming.GraphQL.Validation;

/// <summary>Walks a document once, keeping type information, and calls every rule at every node (graphql-js's ParallelVisitor).</summary>
internal sealed class ValidationWalker(ValidationContext context, IReadOnlyList<ValidationRule> rules)
{
    private readonly Schema _schema = context.Schema;

    public void Walk()
    {
        var document = context.Document;
        foreach (var rule in rules)
        {
            rule.EnterDocument(context, document);
        }

        foreach (var definition in document.Definitions)
        {
            context.CurrentDefinition = definition;
            switch (definition)
            {
                case OperationDefinitionNode operation:
                    WalkOperation(operation);
                    break;
                case FragmentDefinitionNode fragment:
                    WalkFragment(fragment);
                    break;
                case TypeSystemDefinitionNode typeSystem:
                    foreach (var rule in rules)
                    {
                        rule.EnterTypeSystemDefinition(context, typeSystem);
                    }

                    break;
            }
        }

        context.CurrentDefinition = null;
        foreach (var rule in rules)
        {
            rule.LeaveDocument(context, document);
        }
    }

    private void WalkOperation(OperationDefinitionNode operation)
    {
        context.Operation = operation;
        var root = _schema.RootType(operation.Operation);
        context.Type = root;
        foreach (var rule in rules)
        {
            rule.EnterOperation(context, operation);
        }

        foreach (var variable in operation.VariableDefinitions)
        {
            foreach (var rule in rules)
            {
                rule.EnterVariableDefinition(context, variable);
            }

            WalkTypeNode(variable.Type);
            var inputType = InputCoercion.TypeFromAst(_schema, variable.Type);
            if (variable.DefaultValue is not null)
            {
                context.ParentInputType = null;
                WalkValue(variable.DefaultValue, inputType is { IsInputType: true } ? inputType : null, false, null);
            }

            WalkDirectives(variable.Directives, variable);
        }

        WalkDirectives(operation.Directives, operation);
        WalkSelectionSet(operation.SelectionSet, root);
        foreach (var rule in rules)
        {
            rule.LeaveOperation(context, operation);
        }

        context.Operation = null;
    }

    private void WalkFragment(FragmentDefinitionNode fragment)
    {
        var type = _schema.FindType(fragment.TypeCondition.Name);
        context.Type = type;
        foreach (var rule in rules)
        {
            rule.EnterFragmentDefinition(context, fragment);
        }

        WalkTypeNode(fragment.TypeCondition);
        WalkDirectives(fragment.Directives, fragment);
        WalkSelectionSet(fragment.SelectionSet, type);
    }

    private void WalkTypeNode(TypeNode node)
    {
        switch (node)
        {
            case NamedTypeNode named:
                foreach (var rule in rules)
                {
                    rule.EnterNamedType(context, named);
                }

                break;
            case ListTypeNode list:
                WalkTypeNode(list.Type);
                break;
            case NonNullTypeNode nonNull:
                WalkTypeNode(nonNull.Type);
                break;
        }
    }

    private void WalkSelectionSet(SelectionSetNode set, GraphQLType? type)
    {
        var parent = type?.Named is ComplexType or UnionType ? type.Named : null;
        var savedParent = context.ParentType;
        context.ParentType = parent;
        foreach (var rule in rules)
        {
            rule.EnterSelectionSet(context, set);
        }

        foreach (var selection in set.Selections)
        {
            context.ParentType = parent;
            switch (selection)
            {
                case FieldNode field:
                    WalkField(field, parent);
                    break;
                case InlineFragmentNode inline:
                    var conditionType = inline.TypeCondition is null ? type?.Named : _schema.FindType(inline.TypeCondition.Name);
                    context.Type = conditionType;
                    if (inline.TypeCondition is not null)
                    {
                        WalkTypeNode(inline.TypeCondition);
                    }

                    foreach (var rule in rules)
                    {
                        rule.EnterInlineFragment(context, inline);
                    }

                    WalkDirectives(inline.Directives, inline);
                    WalkSelectionSet(inline.SelectionSet, conditionType);
                    break;
                case FragmentSpreadNode spread:
                    foreach (var rule in rules)
                    {
                        rule.EnterFragmentSpread(context, spread);
                    }

                    WalkDirectives(spread.Directives, spread);
                    break;
            }
        }

        context.ParentType = savedParent;
    }

    private void WalkField(FieldNode field, NamedType? parent)
    {
        var definition = context.GetFieldDefinition(parent, field.Name);
        context.FieldDefinition = definition;
        context.Type = definition?.Type;
        foreach (var rule in rules)
        {
            rule.EnterField(context, field);
        }

        WalkArguments(field.Arguments, definition?.Arguments);
        WalkDirectives(field.Directives, field);
        if (field.SelectionSet is not null)
        {
            WalkSelectionSet(field.SelectionSet, definition?.Type);
        }

        context.ParentType = parent;
        context.FieldDefinition = definition;
        context.Type = definition?.Type;
        foreach (var rule in rules)
        {
            rule.LeaveField(context, field);
        }
    }

    private void WalkArguments(IReadOnlyList<ArgumentNode> arguments, IReadOnlyList<InputValueDefinition>? definitions)
    {
        foreach (var rule in rules)
        {
            rule.EnterArguments(context, arguments);
        }

        foreach (var argument in arguments)
        {
            var definition = definitions?.FirstOrDefault(d => d.Name == argument.Name);
            context.Argument = definition;
            foreach (var rule in rules)
            {
                rule.EnterArgument(context, argument);
            }

            context.ParentInputType = null;
            WalkValue(argument.Value, definition?.Type, definition?.HasDefaultValue ?? false, null);
            context.Argument = null;
        }
    }

    private void WalkDirectives(IReadOnlyList<DirectiveNode> directives, Node parent)
    {
        foreach (var rule in rules)
        {
            rule.EnterDirectives(context, directives, parent);
        }

        foreach (var directive in directives)
        {
            var definition = _schema.FindDirective(directive.Name);
            context.Directive = definition;
            foreach (var rule in rules)
            {
                rule.EnterDirective(context, directive, parent);
            }

            context.InDirective = true;
            WalkArguments(directive.Arguments, definition?.Arguments);
            context.InDirective = false;
            foreach (var rule in rules)
            {
                rule.LeaveDirective(context, directive);
            }

            context.Directive = null;
        }
    }

    private void WalkValue(ValueNode value, GraphQLType? inputType, bool hasLocationDefault, GraphQLType? parentInputType)
    {
        var savedInput = context.InputType;
        var savedParent = context.ParentInputType;
        context.InputType = inputType;
        context.ParentInputType = parentInputType;
        if (value is VariableNode variable)
        {
            // Like graphql-js, the parent counts only when it is not wrapped (a oneOf object in a non-null position is not checked here; coercion still rejects a null).
            context.RecordUsage(new VariableUsage(variable, inputType, hasLocationDefault, parentInputType as NamedType));
        }

        var descend = true;
        foreach (var rule in rules)
        {
            descend &= rule.EnterValue(context, value);
        }

        if (descend)
        {
            switch (value)
            {
                case ListValueNode list:
                    var nullable = inputType?.NullableType;
                    var itemType = nullable is ListType l ? l.OfType : nullable;
                    foreach (var item in list.Values)
                    {
                        WalkValue(item, itemType, false, inputType);
                    }

                    break;
                case ObjectValueNode obj:
                    var inputObject = inputType?.Named as InputObjectType;
                    foreach (var field in obj.Fields)
                    {
                        var fieldDefinition = inputObject?.FindField(field.Name);
                        context.InputType = fieldDefinition?.Type;
                        context.ParentInputType = inputType;
                        foreach (var rule in rules)
                        {
                            rule.EnterObjectField(context, field);
                        }

                        WalkValue(field.Value, fieldDefinition?.Type, fieldDefinition?.HasDefaultValue ?? false, inputType);
                    }

                    break;
            }
        }

        context.InputType = savedInput;
        context.ParentInputType = savedParent;
    }
}
