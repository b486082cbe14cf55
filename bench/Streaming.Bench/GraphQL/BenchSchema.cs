using Streaming.GraphQL.Types;

namespace Streaming.Bench.GraphQL;

/// <summary>The benchmark's schema and data: the same SDL and data as tests/node/graphql/bench-schema.mjs.</summary>
internal static class BenchSchema
{
    internal sealed record Post(string Id, string Title, int Likes);

    internal sealed record User(string Id, string Name, string Email, int Age, int[] FriendIds, Post[] Posts);

    private static readonly User[] Users = [.. Enumerable.Range(0, 100).Select(i => new User(
        $"u{i}", $"User {i}", $"user{i}@example.com", 20 + (i % 50),
        [(i + 1) % 100, (i + 7) % 100, (i + 13) % 100],
        [.. Enumerable.Range(0, 3).Select(j => new Post($"p{i}-{j}", $"Post {j} of {i}", i * j % 100))]))];

    private static readonly Dictionary<string, User> ById = Users.ToDictionary(u => u.Id);

    public static Schema Build()
    {
        var node = new InterfaceType("Node") { ResolveType = null };
        node.Field("id", Scalars.ID.NonNull());
        var post = new ObjectType("Post") { IsTypeOf = v => v is Post };
        post.Implements(node);
        post.Field("id", Scalars.ID.NonNull(), c => ((Post)c.Source!).Id);
        post.Field("title", Scalars.String.NonNull(), c => ((Post)c.Source!).Title);
        post.Field("likes", Scalars.Int.NonNull(), c => ((Post)c.Source!).Likes);
        var user = new ObjectType("User") { IsTypeOf = v => v is User };
        user.Implements(node);
        user.Field("id", Scalars.ID.NonNull(), c => ((User)c.Source!).Id);
        user.Field("name", Scalars.String.NonNull(), c => ((User)c.Source!).Name);
        user.Field("email", Scalars.String.NonNull(), c => ((User)c.Source!).Email);
        user.Field("age", Scalars.Int.NonNull(), c => ((User)c.Source!).Age);
        user.Field("friends", user.NonNull().List().NonNull(), c => ((User)c.Source!).FriendIds.Select(i => Users[i]).ToArray());
        user.Field("posts", post.NonNull().List().NonNull(), c => ((User)c.Source!).Posts);
        var query = new ObjectType("Query");
        query.Field("user", user, c => ById.GetValueOrDefault(c.Argument<string>("id")!)).Argument("id", Scalars.ID.NonNull());
        query.Field("users", user.NonNull().List().NonNull(), c => Users.Take(c.Argument<int>("first")).ToArray())
            .Argument("first", Scalars.Int, defaultValue: 10, hasDefault: true);
        return new Schema(query, types: [node, post]);
    }
}
