using Streaming.GraphQL.Execution;
using Streaming.GraphQL.Introspection;
using Streaming.GraphQL.Language.Ast;
using Streaming.GraphQL.Types;

namespace Streaming.GraphQL.Validation;

/// <summary>A variable used in a document, with the input type and default value of where it appears.</summary>
public sealed record VariableUsage(VariableNode Node, GraphQLType? Type, bool HasLocationDefault, NamedType? ParentType);

/// <summary>
/// What rules see while the walker moves through a document: the schema, the type information of the
/// current position (graphql-js's TypeInfo), fragments, variable usages, and where errors go.
/// </summary>
public sealed class ValidationContext
{
    private readonly List<GraphQLError> _errors = [];
    private readonly int _maxErrors;
    private readonly Dictionary<Node, List<VariableUsage>> _usages = [];
    private readonly Dictionary<SelectionSetNode, List<FragmentSpreadNode>> _spreads = [];

    public ValidationContext(Schema schema, DocumentNode document, int maxErrors)
    {
        Schema = schema;
        Document = document;
        _maxErrors = maxErrors;
        Fragments = document.Definitions.OfType<FragmentDefinitionNode>().GroupBy(f => f.Name).ToDictionary(g => g.Key, g => g.First());
    }

    public Schema Schema { get; }

    public DocumentNode Document { get; }

    public IReadOnlyDictionary<string, FragmentDefinitionNode> Fragments { get; }

    public IReadOnlyList<GraphQLError> Errors => _errors;

    // Type information of the current position, kept by the walker.
    public NamedType? ParentType { get; internal set; }

    public GraphQLType? Type { get; internal set; }

    public FieldDefinition? FieldDefinition { get; internal set; }

    public DirectiveDefinition? Directive { get; internal set; }

    public InputValueDefinition? Argument { get; internal set; }

    public GraphQLType? InputType { get; internal set; }

    public GraphQLType? ParentInputType { get; internal set; }

    public OperationDefinitionNode? Operation { get; internal set; }

    /// <summary>Whether the arguments being walked belong to a directive (known or not).</summary>
    public bool InDirective { get; internal set; }

    /// <summary>The operation or fragment being walked (usages are recorded per definition).</summary>
    internal Node? CurrentDefinition { get; set; }

    internal bool TooManyErrors => _errors.Count >= _maxErrors;

    public void Report(string message, params Location[] locations)
    {
        if (_errors.Count < _maxErrors)
        {
            _errors.Add(new GraphQLError(message, [.. locations.Select(l => Document.Source.GetLocation(l.Start))]));
        }
        else if (_errors.Count == _maxErrors)
        {
            _errors.Add(new GraphQLError("Too many validation errors, error limit reached. Validation aborted."));
        }
    }

    public void Report(string message, params Node[] nodes) => Report(message, [.. nodes.Select(n => n.Location)]);

    public FragmentDefinitionNode? GetFragment(string name) => Fragments.GetValueOrDefault(name);

    /// <summary>A field of a type, with the meta-fields (__typename everywhere, __schema and __type on the query root).</summary>
    public FieldDefinition? GetFieldDefinition(NamedType? parent, string name)
    {
        if (name == "__typename" && parent is ComplexType or UnionType)
        {
            return IntrospectionTypes.TypeNameField;
        }

        if (parent == Schema.Query && name is "__schema" or "__type")
        {
            return name == "__schema" ? IntrospectionTypes.SchemaField : IntrospectionTypes.TypeField;
        }

        return (parent as ComplexType)?.FindField(name);
    }

    internal void RecordUsage(VariableUsage usage)
    {
        if (CurrentDefinition is null)
        {
            return;
        }

        if (!_usages.TryGetValue(CurrentDefinition, out var list))
        {
            _usages[CurrentDefinition] = list = [];
        }

        list.Add(usage);
    }

    public IReadOnlyList<FragmentSpreadNode> GetFragmentSpreads(SelectionSetNode selectionSet)
    {
        if (_spreads.TryGetValue(selectionSet, out var cached))
        {
            return cached;
        }

        var spreads = new List<FragmentSpreadNode>();
        var stack = new Stack<SelectionSetNode>();
        stack.Push(selectionSet);
        while (stack.Count > 0)
        {
            var set = stack.Pop();
            foreach (var selection in set.Selections)
            {
                switch (selection)
                {
                    case FragmentSpreadNode spread:
                        spreads.Add(spread);
                        break;
                    case FieldNode { SelectionSet: { } child }:
                        stack.Push(child);
                        break;
                    case InlineFragmentNode inline:
                        stack.Push(inline.SelectionSet);
                        break;
                }
            }
        }

        _spreads[selectionSet] = spreads;
        return spreads;
    }

    /// <summary>Every fragment an operation reaches through spreads, each once.</summary>
    public IReadOnlyList<FragmentDefinitionNode> GetRecursivelyReferencedFragments(OperationDefinitionNode operation)
    {
        ArgumentNullException.ThrowIfNull(operation);
        var fragments = new List<FragmentDefinitionNode>();
        var collected = new HashSet<string>();
        var toVisit = new Stack<SelectionSetNode>();
        toVisit.Push(operation.SelectionSet);
        while (toVisit.Count > 0)
        {
            foreach (var spread in GetFragmentSpreads(toVisit.Pop()))
            {
                if (collected.Add(spread.Name) && GetFragment(spread.Name) is { } fragment)
                {
                    fragments.Add(fragment);
                    toVisit.Push(fragment.SelectionSet);
                }
            }
        }

        return fragments;
    }

    /// <summary>Variable usages of an operation and of every fragment it reaches.</summary>
    public IReadOnlyList<VariableUsage> GetRecursiveVariableUsages(OperationDefinitionNode operation)
    {
        var usages = new List<VariableUsage>(_usages.GetValueOrDefault(operation) ?? []);
        foreach (var fragment in GetRecursivelyReferencedFragments(operation))
        {
            usages.AddRange(_usages.GetValueOrDefault(fragment) ?? []);
        }

        return usages;
    }
}
