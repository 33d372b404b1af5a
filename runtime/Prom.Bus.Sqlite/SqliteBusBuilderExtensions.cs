using System;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Prom.Bus.Hosting;
using Prom.Bus.Stores;

namespace Prom.Bus.Sqlite;

/// <summary>Selects the SQLite store in <c>services.AddPromBus().UseSqlite(…)</c>.</summary>
public static class SqliteBusBuilderExtensions
{
    /// <summary>Uses a <see cref="SqliteBusStore"/> on <paramref name="path"/> as the bus store.</summary>
    public static BusBuilder UseSqlite(this BusBuilder builder, string path, Action<SqliteBusStoreOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var options = new SqliteBusStoreOptions { Path = path };
        configure?.Invoke(options);
        builder.Services.Replace(ServiceDescriptor.Singleton<IBusStore>(_ => new SqliteBusStore(options)));
        return builder;
    }
}
