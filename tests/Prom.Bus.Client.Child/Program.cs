using System;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Prom.Bus;
using Prom.Bus.Client.Tests;
using Prom.Bus.Hosting;
using Prom.Generated;
using Prom.Topics;

// Usage: Prom.Bus.Client.Child <ws-url> <token> <group>
// Consumes sensor.reading in <group> with a hosted consumer over the network and prints "RECEIVED <sensor> <seq> <id>"
// per record; publishes one reading of its own through the generated client and prints "PUBLISHED <id>".
if (args.Length != 3)
{
    Console.Error.WriteLine("usage: Prom.Bus.Client.Child <ws-url> <token> <group>");
    return 2;
}

HostApplicationBuilder builder = Host.CreateApplicationBuilder();
builder.Logging.ClearProviders();
builder.Services.AddPromTopics();
builder.Services.AddPromBusClient(o =>
{
    o.Url = new Uri(args[0]);
    o.Token = args[1];
}).AddConsumer<PrintingHandler, SensorReading>(SensorReadingTopic.Name, args[2]);
using IHost host = builder.Build();
await host.StartAsync();
EventRecord own = await host.Services.GetRequiredService<TopicClient<SensorReading>>().PublishAsync(new SensorReading("child", 21.5, 0));
Console.WriteLine($"PUBLISHED {own.Id}");
Console.Out.Flush();

// Runs until the parent closes stdin (or kills the process).
await Task.Run(() => Console.In.ReadToEnd());
await host.StopAsync(TimeSpan.FromSeconds(10));
return 0;

internal sealed class PrintingHandler : IBusHandler<SensorReading>
{
    private static readonly Lock s_out = new();

    public Task HandleAsync(BusMessage<SensorReading> message, CancellationToken ct)
    {
        lock (s_out)
        {
            Console.WriteLine($"RECEIVED {message.Value.Sensor} {message.Value.Seq} {message.Record.Id}");
            Console.Out.Flush();
        }

        return Task.CompletedTask;
    }
}
