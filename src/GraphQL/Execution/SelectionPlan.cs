using System.Text.Json;
using Streaming.GraphQL.Language.Ast;
using Streaming.GraphQL.Types;

namespace Streaming.GraphQL.Execution;

/// <summary>
/// The collected fields of a selection set for one object type (https://spec.graphql.org/October2021/#CollectFields()),
/// computed once per cached document when no @skip/@include depends on a variable: the precompiled
/// execution plan the executor walks.
/// </summary>
public sealed class SelectionPlan(ObjectType type, FieldPlan[] fields)
{
    public ObjectType Type { get; } = type;

    public FieldPlan[] Fields { get; } = fields;
}

/// <summary>One response key of a selection plan: the field, its merged nodes, its pre-coerced arguments.</summary>
public sealed class FieldPlan
{
    private readonly Lock _gate = new();
    private ObjectType? _firstType;
    private SelectionPlan? _firstPlan;
    private Dictionary<ObjectType, SelectionPlan>? _more;

    internal FieldPlan(string responseKey, FieldDefinition definition, FieldNode[] nodes)
    {
        ResponseKey = responseKey;
        EncodedKey = JsonEncodedText.Encode(responseKey);
        Definition = definition;
        Nodes = nodes;
        HasSubSelection = nodes[0].SelectionSet is not null;
        LeafScalar = definition.Type.NullableType as ScalarType;
    }

    /// <summary>The scalar type when the field is a (possibly non-null) scalar: completed without the general path.</summary>
    internal ScalarType? LeafScalar { get; }

    public string ResponseKey { get; }

    public JsonEncodedText EncodedKey { get; }

    public FieldDefinition Definition { get; }

    public FieldNode[] Nodes { get; }

    public bool HasSubSelection { get; }

    /// <summary>Arguments without variables, coerced once; null when they use variables (coerced per request).</summary>
    internal IReadOnlyDictionary<string, object?>? StaticArguments { get; set; }

    internal bool ArgumentsNeedVariables { get; set; }

    /// <summary>The plan of this field's sub-selection for a concrete object type, built on first use.</summary>
    internal SelectionPlan ChildPlan(ObjectType type, FieldCollector collector)
    {
        if (ReferenceEquals(_firstType, type))
        {
            return _firstPlan!;
        }

        lock (_gate)
        {
            if (ReferenceEquals(_firstType, type))
            {
                return _firstPlan!;
            }

            if (_more is not null && _more.TryGetValue(type, out var existing))
            {
                return existing;
            }

            var plan = collector.Collect(type, Nodes);
            if (_firstType is null)
            {
                _firstPlan = plan;
                _firstType = type;
            }
            else
            {
                _more ??= [];
                _more[type] = plan;
            }

            return plan;
        }
    }
}
