// The benchmark's schema and data, the same SDL and data as bench/Streaming.Bench/GraphQL/BenchSchema.cs.
export const typeDefs = `
interface Node {
  id: ID!
}

type User implements Node {
  id: ID!
  name: String!
  email: String!
  age: Int!
  friends: [User!]!
  posts: [Post!]!
}

type Post implements Node {
  id: ID!
  title: String!
  likes: Int!
}

type Query {
  user(id: ID!): User
  users(first: Int = 10): [User!]!
}
`;

export const users = Array.from({ length: 100 }, (_, i) => ({
  id: `u${i}`,
  name: `User ${i}`,
  email: `user${i}@example.com`,
  age: 20 + (i % 50),
  friendIds: [(i + 1) % 100, (i + 7) % 100, (i + 13) % 100],
  posts: Array.from({ length: 3 }, (_, j) => ({ id: `p${i}-${j}`, title: `Post ${j} of ${i}`, likes: (i * j) % 100 })),
}));

const byId = new Map(users.map((u) => [u.id, u]));

export const resolvers = {
  Query: {
    user: (_, { id }) => byId.get(id) ?? null,
    users: (_, { first }) => users.slice(0, first),
  },
  User: {
    friends: (user) => user.friendIds.map((i) => users[i]),
  },
  Node: {
    __resolveType: (value) => (value.title ? 'Post' : 'User'),
  },
};
