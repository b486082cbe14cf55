using System.Runtime.CompilerServices;
using Streaming.GraphQL.Execution;
using Streaming.GraphQL.Types;

namespace Streaming.GraphQL.Tests;

/// <summary>A schema with every kind of type, over in-memory data, for the engine's tests.</summary>
public static class TestSchema
{
    public sealed record User(string Id, string Name, string Role, int Age);

    public sealed record Post(string Id, string Title, string AuthorId);

    /// <summary>What an unexpected exception of a resolver says: details a client must never see.</summary>
    public const string FaultMessage = "Connection to 10.0.0.5:5432 failed (Password=hunter2)";

    public static IReadOnlyList<User> Users { get; } =
        [.. Enumerable.Range(1, 20).Select(i => new User($"u{i}", $"User {i}", i % 5 == 0 ? "ADMIN" : "MEMBER", 20 + i))];

    public static IReadOnlyList<Post> Posts { get; } =
        [.. Enumerable.Range(1, 60).Select(i => new Post($"p{i}", $"Post {i}", $"u{(i % 20) + 1}"))];

    public static Schema Build(List<string>? log = null)
    {
        var node = new InterfaceType("Node", "Anything with an id.");
        node.Field("id", Scalars.ID.NonNull());
        var role = new EnumType("Role", "What a user may do.")
            .Value("ADMIN", description: "Everything.")
            .Value("MEMBER")
            .Value("GUEST", deprecationReason: "Use MEMBER.");
        var user = new ObjectType("User", "A person.");
        var post = new ObjectType("Post");
        user.Implements(node);
        post.Implements(node);
        user.Field("id", Scalars.ID.NonNull());
        user.Field("name", Scalars.String.NonNull());
        user.Field("role", role.NonNull());
        user.Field("age", Scalars.Int);
        user.Field("nickname", Scalars.String, _ => null).Deprecated();
        user.Field("posts", post.NonNull().List().NonNull(), c => Posts.Where(p => p.AuthorId == ((User)c.Source!).Id).ToList())
            .Argument("first", Scalars.Int, defaultValue: 10, hasDefault: true);
        user.Field("friends", user.NonNull().List().NonNull(), c =>
        {
            var index = int.Parse(((User)c.Source!).Id[1..], System.Globalization.CultureInfo.InvariantCulture);
            return new[] { Users[index % 20], Users[(index + 1) % 20] };
        });
        user.Field("failing", Scalars.String, _ => throw new GraphQLException("boom"));
        user.Field("failingNonNull", Scalars.String.NonNull(), _ => throw new GraphQLException("boom"));
        user.Field("faulty", Scalars.String, _ => throw new InvalidOperationException(FaultMessage));
        user.Field("nullNonNull", Scalars.String.NonNull(), _ => null);
        post.Field("id", Scalars.ID.NonNull());
        post.Field("title", Scalars.String.NonNull());
        post.Field("author", user.NonNull(), c => Users.First(u => u.Id == ((Post)c.Source!).AuthorId));
        user.IsTypeOf = v => v is User;
        post.IsTypeOf = v => v is Post;
        var search = new UnionType("SearchResult").Add(user, post);
        var lookup = new InputObjectType("UserLookup", "Find a user by exactly one key.") { IsOneOf = true };
        lookup.Field("id", Scalars.ID);
        lookup.Field("name", Scalars.String);
        var filter = new InputObjectType("UserFilter");
        filter.Field("role", role);
        filter.Field("minAge", Scalars.Int).Default(0);
        filter.Field("nameContains", Scalars.String).DeprecationReason = "Use search.";

        var query = new ObjectType("Query");
        query.Field("hello", Scalars.String.NonNull(), c => "Hello " + (c.Argument<string>("name") ?? "world"))
            .Argument("name", Scalars.String, "Who to greet.");
        query.Field("user", user, c => Users.FirstOrDefault(u => u.Id == c.Argument<string>("id"))).Argument("id", Scalars.ID.NonNull());
        query.Field("userBy", user, c =>
        {
            var by = (IDictionary<string, object?>)c.Arguments["by"]!;
            return Users.FirstOrDefault(u => by.TryGetValue("id", out var id) ? u.Id == (string?)id : u.Name == (string?)by["name"]);
        }).Argument("by", lookup.NonNull());
        query.Field("users", user.NonNull().List().NonNull(), c =>
        {
            var f = c.Argument<IDictionary<string, object?>>("filter");
            return Users.Where(u => f is null || ((Get(f, "role") as string ?? u.Role) == u.Role && u.Age >= (int)(Get(f, "minAge") ?? 0)))
                .Take(c.Argument<int>("first")).ToList();
        }).Argument("first", Scalars.Int, defaultValue: 10, hasDefault: true).Argument("filter", filter);
        query.Field("search", search.NonNull().List().NonNull(), c =>
        {
            var text = c.Argument<string>("text")!;
            return Users.Where(u => u.Name.Contains(text, StringComparison.Ordinal)).Cast<object>()
                .Concat(Posts.Where(p => p.Title.Contains(text, StringComparison.Ordinal))).ToList();
        }).Argument("text", Scalars.String.NonNull());
        query.Field("node", node, c => (object?)Users.FirstOrDefault(u => u.Id == c.Argument<string>("id")) ?? Posts.FirstOrDefault(p => p.Id == c.Argument<string>("id")))
            .Argument("id", Scalars.ID.NonNull());
        query.Field("slow", Scalars.Int.NonNull(), c => SlowAsync(c)).Argument("value", Scalars.Int.NonNull());
        query.Field("batched", Scalars.String.List().NonNull(), c =>
        {
            var loader = c.Loader<string, string>("names", (keys, _) =>
            {
                log?.Add("batch:" + string.Join(",", keys));
                return Task.FromResult<IReadOnlyDictionary<string, string>>(keys.ToDictionary(k => k, k => "name-" + k));
            });
            return Task.WhenAll(((IEnumerable<object?>)c.Arguments["ids"]!).Select(id => loader.LoadAsync((string)id!)));
        }).Argument("ids", Scalars.ID.NonNull().List().NonNull());
        query.Field("now", CustomScalars.DateTime.NonNull(), _ => new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero));
        query.Field("big", CustomScalars.Long.NonNull(), _ => 9_007_199_254_740_993L);
        query.Field("price", CustomScalars.Decimal.NonNull(), _ => 12.345m);
        query.Field("json", CustomScalars.Json, c => c.Arguments.GetValueOrDefault("value")).Argument("value", CustomScalars.Json);

        var mutation = new ObjectType("Mutation");
        mutation.Field("append", Scalars.String.List().NonNull(), c => AppendAsync(c, log)).Argument("text", Scalars.String.NonNull());

        var subscription = new ObjectType("Subscription");
        subscription.Field("count", Scalars.Int.NonNull()).Argument("to", Scalars.Int.NonNull()).Subscribe = c => Count(c.Argument<int>("to"), c.CancellationToken);
        subscription.Field("countThenFault", Scalars.Int.NonNull()).Argument("to", Scalars.Int.NonNull()).Subscribe = c => CountThenFault(c.Argument<int>("to"), c.CancellationToken);

        var cached = new DirectiveDefinition("cached", [DirectiveLocation.FIELD, DirectiveLocation.QUERY], "Hints a cache.", isRepeatable: true)
            .Argument("ttl", Scalars.Int, defaultValue: 60, hasDefault: true);
        return new Schema(query, mutation, subscription, [role, lookup, .. CustomScalars.All], [cached]);
    }

    private static object? Get(IDictionary<string, object?> values, string key) => values.TryGetValue(key, out var value) ? value : null;

    private static async Task<object?> SlowAsync(ResolveContext c)
    {
        await Task.Delay(20, c.CancellationToken);
        return c.Argument<int>("value");
    }

    private static async Task<object?> AppendAsync(ResolveContext c, List<string>? log)
    {
        var text = c.Argument<string>("text")!;
        await Task.Delay(text.Length == 1 ? 30 : 1, c.CancellationToken);
        lock (log ?? [])
        {
            log?.Add(text);
            return log?.ToList() ?? [];
        }
    }

    private static async IAsyncEnumerable<object?> Count(int to, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        for (var i = 1; i <= to; i++)
        {
            await Task.Delay(10, cancellationToken);
            yield return i;
        }
    }

    private static async IAsyncEnumerable<object?> CountThenFault(int to, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var i in Count(to, cancellationToken))
        {
            yield return i;
        }

        throw new InvalidOperationException(FaultMessage);
    }

    public static async Task<System.Text.Json.JsonElement> RunAsync(GraphQLExecutor executor, string query, object? variables = null, Platform.Security.TenantScope? tenant = null)
    {
        IReadOnlyDictionary<string, object?>? vars = variables is null
            ? null
            : JsonInput.ToDictionary(System.Text.Json.JsonSerializer.SerializeToElement(variables));
        var result = await executor.ExecuteAsync(new GraphQLRequest(query, null, vars), new ExecuteOptions { Tenant = tenant });
        using var document = System.Text.Json.JsonDocument.Parse(ResultWriter.ToBytes(result));
        return document.RootElement.Clone();
    }
}
