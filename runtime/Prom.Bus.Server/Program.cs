using Prom.Bus.Server;

BusServer.Build(args).Run();
