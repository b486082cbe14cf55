namespace Streaming.GraphQL.ProductSchema;

/// <summary>A piece of the product schema, registered with <c>AddGraphQLSchemaPart&lt;T&gt;()</c> and built once at start.</summary>
public interface IProductSchemaPart
{
    void Configure(ProductSchemaBuilder schema);
}
