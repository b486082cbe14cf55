using Streaming.GraphQL.Execution;

namespace Streaming.GraphQL.Tests.Limits;

/// <summary>
/// The introspection query GraphiQL and codegen tools send (graphql-js 16 getIntrospectionQuery with
/// every option), counted in the cost like any other query: it must fit the default limits.
/// </summary>
public sealed class IntrospectionCostTests
{
    /// <summary>The cost of <see cref="StandardQuery"/> with any schema (introspection fields cost 1, each list multiplies by the default list size, 10).</summary>
    private const long StandardQueryCost = 51_863;

    private const string StandardQuery = """
        query IntrospectionQuery {
          __schema {
            description
            queryType { name kind }
            mutationType { name kind }
            subscriptionType { name kind }
            types {
              ...FullType
            }
            directives {
              name
              description
              isRepeatable
              locations
              args(includeDeprecated: true) {
                ...InputValue
              }
            }
          }
        }
        fragment FullType on __Type {
          kind
          name
          description
          specifiedByURL
          isOneOf
          fields(includeDeprecated: true) {
            name
            description
            args(includeDeprecated: true) {
              ...InputValue
            }
            type {
              ...TypeRef
            }
            isDeprecated
            deprecationReason
          }
          inputFields(includeDeprecated: true) {
            ...InputValue
          }
          interfaces {
            ...TypeRef
          }
          enumValues(includeDeprecated: true) {
            name
            description
            isDeprecated
            deprecationReason
          }
          possibleTypes {
            ...TypeRef
          }
        }
        fragment InputValue on __InputValue {
          name
          description
          type { ...TypeRef }
          defaultValue
          isDeprecated
          deprecationReason
        }
        fragment TypeRef on __Type {
          kind
          name
          ofType {
            name
            kind
            ofType {
              name
              kind
              ofType {
                name
                kind
                ofType {
                  name
                  kind
                  ofType {
                    name
                    kind
                    ofType {
                      name
                      kind
                      ofType {
                        name
                        kind
                        ofType {
                          name
                          kind
                          ofType {
                            name
                            kind
                          }
                        }
                      }
                    }
                  }
                }
              }
            }
          }
        }
        """;

    [Fact]
    public async Task Standard_introspection_query_fits_the_default_limits()
    {
        var executor = new GraphQLExecutor(TestSchema.Build());
        var result = await TestSchema.RunAsync(executor, StandardQuery);
        Assert.False(result.TryGetProperty("errors", out var errors), errors.ToString());
        Assert.True(StandardQueryCost < new ExecutionLimits().MaxCost);
    }

    [Theory]
    [InlineData(StandardQueryCost - 1, true)]
    [InlineData(StandardQueryCost, false)]
    public async Task Standard_introspection_query_costs_what_the_docs_say(long maxCost, bool refused)
    {
        var executor = new GraphQLExecutor(TestSchema.Build(), new ExecutionLimits { MaxCost = maxCost });
        var result = await TestSchema.RunAsync(executor, StandardQuery);
        Assert.Equal(refused, result.TryGetProperty("errors", out _));
    }
}
