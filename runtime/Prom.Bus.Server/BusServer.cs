using System;
using System.IO;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.Json;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Prom.Bus.Gateway;
using Prom.Bus.Gateway.Security;
using Prom.Bus.Sqlite;

namespace Prom.Bus.Server;

/// <summary>
/// Builds the ready broker: configuration sections <c>Store</c> (SQLite file and durability), <c>Bus</c>
/// (<see cref="BusOptions"/>), <c>Gateway</c> (<see cref="GatewayOptions"/>: tokens, limits); Kestrel on
/// http://127.0.0.1:7070 unless <c>--urls</c>, <c>ASPNETCORE_URLS</c> or a <c>Kestrel</c> section say otherwise.
/// </summary>
public static class BusServer
{
    /// <summary>Default listen address: loopback only.</summary>
    public const string DefaultUrl = "http://127.0.0.1:7070";

    /// <summary>Creates the application from command-line arguments (the same ones <c>dotnet run -- …</c> passes).</summary>
    public static WebApplication Build(string[] args)
    {
        WebApplicationBuilder builder = WebApplication.CreateBuilder(WithoutConfigReload(args));
        AddShippedSettings(builder.Configuration, builder.Environment.ContentRootPath);
        IConfiguration config = builder.Configuration;
        if (string.IsNullOrEmpty(config[WebHostDefaults.ServerUrlsKey]) && !config.GetSection("Kestrel").Exists())
        {
            builder.WebHost.UseUrls(DefaultUrl);
        }

        builder.Logging.AddSimpleConsole(o =>
        {
            o.SingleLine = true;
            o.TimestampFormat = "HH:mm:ss.fff ";
            o.UseUtcTimestamp = true;
        });

        var store = config.GetSection("Store").Get<BusServerSettings>() ?? new BusServerSettings();
        string path = Path.GetFullPath(store.Path);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        builder.Services.AddPromBus(o => config.GetSection("Bus").Bind(o)).UseSqlite(path, o =>
        {
            o.Durability = store.Durability;
            o.DeliveryStateDurability = store.DeliveryStateDurability;
            o.AckCommitDelay = store.AckCommitDelay;
        });
        builder.Services.AddPromBusGateway(o => config.GetSection("Gateway").Bind(o));

        WebApplication app = builder.Build();
        ILogger logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Prom.Bus.Server");
        GatewayOptions gateway = app.Services.GetRequiredService<IOptions<GatewayOptions>>().Value;
        if (gateway.Tokens.Count == 0)
        {
            // No token configured: a random admin token for this run only, printed once, so one command gives a usable
            // broker without shipping a default credential.
            string token = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
            gateway.Tokens.Add(new GatewayToken { Token = token, Name = "generated", Scopes = [GatewayPrincipal.AdminScope, "publish:*", "subscribe:*"] });
            logger.LogWarning("No Gateway:Tokens configured: generated the token {Token} (scopes admin, publish:*, subscribe:*) for this run", token);
        }

        logger.LogInformation("Store: SQLite {Path} (durability {Durability}, ack commit delay {AckCommitDelay})", path, store.Durability, store.AckCommitDelay);
        app.UsePromBusGateway("/bus");
        app.MapPromBusOps();
        app.MapPromBusDashboard("/dashboard");
        app.MapGet("/", () => Results.Redirect("/dashboard/")).ExcludeFromDescription();
        app.Lifetime.ApplicationStarted.Register(() => LogAddresses(app, logger));
        return app;
    }

    /// <summary>
    /// Turns off reloading appsettings.json on change (a later <c>--hostBuilder:reloadConfigOnChange=true</c> still wins).
    /// Reloading watches the content root, by default the working directory, recursively; the store's file usually lives
    /// there too, so every WAL write woke the watcher (5-9 % of the server's CPU in a profile under load). The broker reads its
    /// settings once at start anyway.
    /// </summary>
    private static string[] WithoutConfigReload(string[] args) => ["--hostBuilder:reloadConfigOnChange=false", .. args];

    /// <summary>
    /// The appsettings.json shipped next to the binary, as the lowest-priority source. The host reads appsettings.json
    /// from the content root, by default the working directory: run as a .NET tool or with <c>dotnet run --project</c>
    /// from elsewhere, the shipped defaults would otherwise be missing. An appsettings.json in the working directory,
    /// environment variables and command-line switches still override them.
    /// </summary>
    private static void AddShippedSettings(ConfigurationManager config, string contentRootPath)
    {
        string shipped = Path.Combine(AppContext.BaseDirectory, "appsettings.json");
        string contentRoot = Path.GetFullPath(Path.Combine(contentRootPath, "appsettings.json"));
        if (File.Exists(shipped) && !string.Equals(Path.GetFullPath(shipped), contentRoot, StringComparison.Ordinal))
        {
            config.Sources.Insert(0, new JsonConfigurationSource
            {
                Path = "appsettings.json",
                Optional = false,
                FileProvider = new PhysicalFileProvider(AppContext.BaseDirectory),
            });
        }
    }

    private static void LogAddresses(WebApplication app, ILogger logger)
    {
        foreach (string address in app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [])
        {
            string ws = address.Replace("http", "ws", StringComparison.Ordinal);
            logger.LogInformation("Gateway {WebSocket}/bus, dashboard {Http}/dashboard/", ws.TrimEnd('/'), address.TrimEnd('/'));
        }
    }
}
