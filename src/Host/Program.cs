using Streaming.Host;

AllInOne.Create(args).Run();
