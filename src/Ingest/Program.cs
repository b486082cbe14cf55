using Streaming.Ingest;
using Streaming.Platform.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.AddIngest();

var app = builder.Build();
app.MapPlatformEndpoints();
app.MapIngest();
app.Run();
