namespace Streaming.GraphQL.Types;

/// <summary>https://spec.graphql.org/October2021/#sec-Unions</summary>
public sealed class UnionType(string name, string? description = null) : NamedType(name, description)
{
    private readonly List<GraphQLType> _types = [];

    public IReadOnlyList<GraphQLType> MemberTypes => _types;

    public IEnumerable<ObjectType> Types => _types.OfType<ObjectType>();

    public Func<object, ObjectType?>? ResolveType { get; set; }

    public UnionType Add(params GraphQLType[] types)
    {
        _types.AddRange(types);
        return this;
    }

    internal void ReplaceTypes(Func<GraphQLType, GraphQLType> resolve)
    {
        for (var i = 0; i < _types.Count; i++)
        {
            _types[i] = resolve(_types[i]);
        }
    }
}
