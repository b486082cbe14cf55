using Streaming.GraphQL.Introspection;

namespace Streaming.GraphQL.Types;

/// <summary>
/// An immutable, checked schema (https://spec.graphql.org/October2021/#sec-Schema): the root types,
/// every reachable type by name (in a stable order, which introspection and the SDL printer share),
/// the directives, and for each abstract type its possible object types.
/// </summary>
public sealed partial class Schema
{
    private readonly Dictionary<string, NamedType> _types = [];
    private readonly List<NamedType> _ordered = [];
    private readonly Dictionary<NamedType, IReadOnlyList<ObjectType>> _possible = [];
    private readonly Dictionary<string, DirectiveDefinition> _directives = [];

    public Schema(ObjectType query, ObjectType? mutation = null, ObjectType? subscription = null,
        IEnumerable<NamedType>? types = null, IEnumerable<DirectiveDefinition>? directives = null, string? description = null)
    {
        ArgumentNullException.ThrowIfNull(query);
        Query = query;
        Mutation = mutation;
        Subscription = subscription;
        Description = description;
        foreach (var directive in DirectiveDefinition.Specified.Concat(directives ?? []))
        {
            _directives[directive.Name] = directive;
        }

        var extra = (types ?? []).ToList();
        var all = new List<NamedType> { query };
        if (mutation is not null)
        {
            all.Add(mutation);
        }

        if (subscription is not null)
        {
            all.Add(subscription);
        }

        all.AddRange(extra);
        var named = extra.Where(t => t is not TypeReference).ToDictionary(t => t.Name);
        foreach (var type in all)
        {
            Collect(type, named);
        }

        foreach (var directive in _directives.Values)
        {
            foreach (var argument in directive.Arguments)
            {
                Collect(argument.Type.Named, named);
            }
        }

        Collect(IntrospectionTypes.Schema, named);
        foreach (var type in _ordered)
        {
            ResolveReferences(type);
        }

        ComputePossibleTypes();
        foreach (var field in subscription?.Fields ?? [])
        {
            // Each event is the root value: without a resolver, the event is the field's value.
            field.Resolve ??= static c => c.Source;
        }

        SchemaChecks.ThrowIfInvalid(this);
    }

    public string? Description { get; }

    public ObjectType Query { get; }

    public ObjectType? Mutation { get; }

    public ObjectType? Subscription { get; }

    /// <summary>All named types, user types first, then built-in scalars and introspection types as reached.</summary>
    public IReadOnlyList<NamedType> Types => _ordered;

    public IEnumerable<DirectiveDefinition> Directives => _directives.Values;

    public NamedType? FindType(string name) => _types.GetValueOrDefault(name);

    public DirectiveDefinition? FindDirective(string name) => _directives.GetValueOrDefault(name);

    public ObjectType? RootType(Language.Ast.OperationType operation) => operation switch
    {
        Language.Ast.OperationType.Query => Query,
        Language.Ast.OperationType.Mutation => Mutation,
        _ => Subscription,
    };

    /// <summary>The object types an abstract type may be at run time (itself for an object type).</summary>
    public IReadOnlyList<ObjectType> PossibleTypes(NamedType type) =>
        type is ObjectType o ? [o] : _possible.GetValueOrDefault(type) ?? [];

    public bool IsPossibleType(NamedType abstractType, ObjectType objectType) =>
        abstractType == objectType || PossibleTypes(abstractType).Contains(objectType);

    /// <summary>Whether <paramref name="maybeSubType"/> is, or implements, or is a member of <paramref name="superType"/>.</summary>
    public bool IsSubType(NamedType superType, NamedType maybeSubType)
    {
        if (superType == maybeSubType)
        {
            return true;
        }

        return superType switch
        {
            UnionType u => maybeSubType is ObjectType o && u.Types.Contains(o),
            InterfaceType i => maybeSubType is ComplexType c && c.Interfaces.Contains(i),
            _ => false,
        };
    }

    private void Collect(NamedType type, Dictionary<string, NamedType> named)
    {
        if (type is TypeReference reference)
        {
            if (!named.TryGetValue(reference.Name, out var target) && !_types.TryGetValue(reference.Name, out target))
            {
                var builtIn = Scalars.BuiltIn.Concat(CustomScalars.All).FirstOrDefault(s => s.Name == reference.Name);
                target = builtIn ?? throw new InvalidOperationException($"Type \"{reference.Name}\" is referenced but not defined.");
            }

            type = target;
        }

        if (_types.TryGetValue(type.Name, out var existing))
        {
            if (!ReferenceEquals(existing, type))
            {
                throw new InvalidOperationException($"Schema must contain uniquely named types but contains multiple types named \"{type.Name}\".");
            }

            return;
        }

        _types[type.Name] = type;
        _ordered.Add(type);
        switch (type)
        {
            case ComplexType complex:
                foreach (var i in complex.InterfaceTypes)
                {
                    Collect(i.Named, named);
                }

                foreach (var field in complex.Fields)
                {
                    Collect(field.Type.Named, named);
                    foreach (var argument in field.Arguments)
                    {
                        Collect(argument.Type.Named, named);
                    }
                }

                break;
            case UnionType union:
                foreach (var member in union.MemberTypes)
                {
                    Collect(member.Named, named);
                }

                break;
            case InputObjectType input:
                foreach (var field in input.Fields)
                {
                    Collect(field.Type.Named, named);
                }

                break;
        }
    }

    private GraphQLType Resolve(GraphQLType type) => type switch
    {
        TypeReference r => _types[r.Name],
        ListType l => Replace(l),
        NonNullType n => Replace(n),
        _ => type,
    };

    private ListType Replace(ListType list)
    {
        list.OfType = Resolve(list.OfType);
        return list;
    }

    private NonNullType Replace(NonNullType nonNull)
    {
        nonNull.OfType = Resolve(nonNull.OfType);
        return nonNull;
    }

    private void ResolveReferences(NamedType type)
    {
        switch (type)
        {
            case ComplexType complex:
                complex.ReplaceInterfaces(Resolve);
                foreach (var field in complex.Fields)
                {
                    field.Type = Resolve(field.Type);
                    foreach (var argument in field.Arguments)
                    {
                        argument.Type = Resolve(argument.Type);
                    }
                }

                break;
            case UnionType union:
                union.ReplaceTypes(Resolve);
                break;
            case InputObjectType input:
                foreach (var field in input.Fields)
                {
                    field.Type = Resolve(field.Type);
                }

                break;
        }
    }

    private void ComputePossibleTypes()
    {
        var byInterface = new Dictionary<NamedType, List<ObjectType>>();
        foreach (var type in _ordered)
        {
            if (type is UnionType union)
            {
                _possible[union] = [.. union.Types];
            }
            else if (type is ObjectType obj)
            {
                foreach (var i in obj.Interfaces)
                {
                    if (!byInterface.TryGetValue(i, out var list))
                    {
                        byInterface[i] = list = [];
                    }

                    list.Add(obj);
                }
            }
        }

        foreach (var (type, list) in byInterface)
        {
            _possible[type] = list;
        }
    }
}
