using Streaming.Platform.Hosting;
using Streaming.Processors;

var builder = WebApplication.CreateBuilder(args);
builder.AddProcessors();

var app = builder.Build();
app.MapPlatformEndpoints();
app.MapProcessors();

app.Run();
