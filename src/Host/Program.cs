using Streaming.Host;
using Streaming.Host.Admin;

if (args is ["admin", .. var command])
{
    return await AdminCommand.RunAsync(command, Console.Out, Console.Error);
}

await AllInOne.Create(args).RunAsync();
return 0;
