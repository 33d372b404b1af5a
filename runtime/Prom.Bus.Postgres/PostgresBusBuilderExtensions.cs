using System;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Prom.Bus.Hosting;
using Prom.Bus.Stores;

namespace Prom.Bus.Postgres;

/// <summary>Selects the PostgreSQL store in <c>services.AddPromBus().UsePostgres(…)</c>.</summary>
public static class PostgresBusBuilderExtensions
{
    /// <summary>
    /// Uses a <see cref="PostgresBusStore"/> on <paramref name="connectionString"/> as the bus store. The schema is
    /// created or migrated when the store is first resolved. Every host (process, machine) pointing at the same database
    /// and schema shares one bus.
    /// </summary>
    public static BusBuilder UsePostgres(this BusBuilder builder, string connectionString, Action<PostgresBusStoreOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var options = new PostgresBusStoreOptions { ConnectionString = connectionString };
        configure?.Invoke(options);
        options.Validate();
        builder.Services.Replace(ServiceDescriptor.Singleton<IBusStore>(_ => PostgresBusStore.Open(options)));
        return builder;
    }
}
