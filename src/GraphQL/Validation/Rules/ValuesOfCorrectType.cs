using Streaming.GraphQL.Language;
using Streaming.GraphQL.Language.Ast;
using Streaming.GraphQL.Types;

namespace Streaming.GraphQL.Validation.Rules;

/// <summary>https://spec.graphql.org/October2021/#sec-Values-of-Correct-Type (with the @oneOf input object rules)</summary>
public sealed class ValuesOfCorrectType : ValidationRule
{
    public override void EnterObjectField(ValidationContext context, ObjectFieldNode node)
    {
        if (context.InputType is null && context.ParentInputType?.Named is InputObjectType parent)
        {
            context.Report($"Field \"{node.Name}\" is not defined by type \"{parent.Name}\".", node);
        }
    }

    public override bool EnterValue(ValidationContext context, ValueNode node)
    {
        switch (node)
        {
            case VariableNode:
                return true;
            case ListValueNode:
                if (context.InputType?.NullableType is not ListType)
                {
                    CheckLeaf(context, node);
                    return false;
                }

                return true;
            case ObjectValueNode obj:
                if (context.InputType?.Named is not InputObjectType type)
                {
                    CheckLeaf(context, node);
                    return false;
                }

                foreach (var field in type.Fields)
                {
                    if (field.Type is NonNullType && !field.HasDefaultValue && obj.Fields.All(f => f.Name != field.Name))
                    {
                        context.Report($"Field \"{type.Name}.{field.Name}\" of required type \"{field.Type}\" was not provided.", node);
                    }
                }

                if (type.IsOneOf)
                {
                    CheckOneOf(context, obj, type);
                }

                return true;
            case NullValueNode:
                if (context.InputType is NonNullType nonNull)
                {
                    context.Report($"Expected value of type \"{nonNull}\", found {Printer.Print(node)}.", node);
                }

                return true;
            default:
                CheckLeaf(context, node);
                return true;
        }
    }

    private static void CheckOneOf(ValidationContext context, ObjectValueNode node, InputObjectType type)
    {
        var keys = node.Fields.Select(f => f.Name).Distinct().ToList();
        if (keys.Count != 1)
        {
            context.Report($"OneOf Input Object \"{type.Name}\" must specify exactly one key.", node);
            return;
        }

        var value = node.Fields.Last(f => f.Name == keys[0]).Value;
        if (value is NullValueNode)
        {
            context.Report($"Field \"{type.Name}.{keys[0]}\" must be non-null.", node);
        }
    }

    private static void CheckLeaf(ValidationContext context, ValueNode node)
    {
        if (context.InputType is not { } locationType)
        {
            return;
        }

        var type = locationType.Named;
        switch (type)
        {
            case EnumType e:
                if (node is not EnumValueNode enumValue || e.FindByName(enumValue.Value) is null)
                {
                    context.Report($"Value \"{Printer.Print(node)}\" does not exist in \"{e.Name}\" enum.", node);
                }

                return;
            case ScalarType scalar:
                try
                {
                    scalar.ParseLiteral(node);
                }
                catch (ScalarCoercionException ex)
                {
                    context.Report($"Expected value of type \"{locationType}\", found {Printer.Print(node)}; {ex.Message}", node);
                }
                catch (Exception ex) when (ex is FormatException or OverflowException)
                {
                    context.Report($"Expected value of type \"{locationType}\", found {Printer.Print(node)}.", node);
                }

                return;
            default:
                context.Report($"Expected value of type \"{locationType}\", found {Printer.Print(node)}.", node);
                return;
        }
    }
}
