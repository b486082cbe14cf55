using Streaming.Platform.Hosting;
using Streaming.Projections;

var builder = WebApplication.CreateBuilder(args);
builder.AddProjections();

var app = builder.Build();
app.MapPlatformEndpoints();
app.Run();
