using Streaming.GraphQL;
using Streaming.Platform.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.AddGraphQL();

var app = builder.Build();
app.MapPlatformEndpoints();
app.MapGraphQL();
app.Run();
