using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Streaming.GraphQL.Tests.Limits;

/// <summary>The limits are options checked when the host starts: a bad value stops the start and names the option.</summary>
public sealed class GraphQLOptionsTests
{
    private static async Task<OptionsValidationException> StartWithAsync(string key, string value)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { [key] = value });
        builder.AddGraphQL();
        using var host = builder.Build();
        return await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());
    }

    [Theory]
    [InlineData("GraphQL:MaxAliases", "-1", "MaxAliases")]
    [InlineData("GraphQL:MaxWebSocketMessageBytes", "10", "MaxWebSocketMessageBytes")]
    [InlineData("GraphQL:MaxSubscriptionsPerConnection", "0", "MaxSubscriptionsPerConnection")]
    [InlineData("GraphQL:DocumentCacheBytes", "100", "DocumentCacheBytes")]
    [InlineData("GraphQL:MaxDocumentBytes", "2000000", "MaxDocumentBytes")]
    [InlineData("GraphQL:Postgres:MaxPoolSize", "0", "MaxPoolSize")]
    public async Task Limit_out_of_range_stops_the_start_naming_the_option(string key, string value, string option)
    {
        var error = await StartWithAsync(key, value);
        Assert.Contains(option, error.Message, StringComparison.Ordinal);
    }
}
