using Streaming.GraphQL.Execution;
using Streaming.GraphQL.Language.Ast;
using Streaming.GraphQL.Types;

namespace Streaming.GraphQL.Validation.Rules;

/// <summary>https://spec.graphql.org/October2021/#sec-All-Variable-Usages-are-Allowed (with @oneOf)</summary>
public sealed class VariablesInAllowedPosition : ValidationRule
{
    public override void LeaveDocument(ValidationContext context, DocumentNode node)
    {
        foreach (var operation in node.Definitions.OfType<OperationDefinitionNode>())
        {
            var definitions = new Dictionary<string, VariableDefinitionNode>();
            foreach (var definition in operation.VariableDefinitions)
            {
                definitions[definition.Variable.Name] = definition;
            }

            foreach (var usage in context.GetRecursiveVariableUsages(operation))
            {
                if (!definitions.TryGetValue(usage.Node.Name, out var definition) || usage.Type is null)
                {
                    continue;
                }

                var variableType = InputCoercion.TypeFromAst(context.Schema, definition.Type);
                if (variableType is null)
                {
                    continue;
                }

                if (!Allowed(context.Schema, variableType, definition.DefaultValue, usage.Type, usage.HasLocationDefault))
                {
                    context.Report($"Variable \"${usage.Node.Name}\" of type \"{variableType}\" used in position expecting type \"{usage.Type}\".", definition, usage.Node);
                }

                if (usage.ParentType is InputObjectType { IsOneOf: true } parent && variableType is not NonNullType)
                {
                    context.Report($"Variable \"${usage.Node.Name}\" is of type \"{variableType}\" but must be non-nullable to be used for OneOf Input Object \"{parent.Name}\".", definition, usage.Node);
                }
            }
        }
    }

    private static bool Allowed(Schema schema, GraphQLType variableType, ValueNode? variableDefault, GraphQLType locationType, bool hasLocationDefault)
    {
        if (locationType is NonNullType nonNullLocation && variableType is not NonNullType)
        {
            var hasNonNullVariableDefault = variableDefault is not null and not NullValueNode;
            if (!hasNonNullVariableDefault && !hasLocationDefault)
            {
                return false;
            }

            return IsSubType(schema, variableType, nonNullLocation.OfType);
        }

        return IsSubType(schema, variableType, locationType);
    }

    /// <summary>graphql-js's isTypeSubTypeOf.</summary>
    internal static bool IsSubType(Schema schema, GraphQLType maybeSub, GraphQLType super)
    {
        if (maybeSub.ToString() == super.ToString() && maybeSub.Named == super.Named)
        {
            return true;
        }

        if (super is NonNullType superNonNull)
        {
            return maybeSub is NonNullType subNonNull && IsSubType(schema, subNonNull.OfType, superNonNull.OfType);
        }

        if (maybeSub is NonNullType sub)
        {
            return IsSubType(schema, sub.OfType, super);
        }

        if (super is ListType superList)
        {
            return maybeSub is ListType subList && IsSubType(schema, subList.OfType, superList.OfType);
        }

        if (maybeSub is ListType)
        {
            return false;
        }

        return super is InterfaceType or UnionType && maybeSub is InterfaceType or ObjectType
            && schema.IsSubType((NamedType)super, (NamedType)maybeSub);
    }
}
