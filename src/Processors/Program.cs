using Streaming.Processors;
using Streaming.Platform.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.AddProcessors();

var app = builder.Build();
app.MapPlatformEndpoints();

app.Run();
