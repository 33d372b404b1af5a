using System;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Prom.Ecs.Hosting;

/// <summary>Registers a world and the hosted loop that ticks it at a fixed step.</summary>
public static class PromWorldServiceCollectionExtensions
{
    /// <summary>
    /// Registers a singleton <see cref="World"/>, its <see cref="Scheduler"/> and <see cref="PromWorldService"/> (an
    /// <see cref="IHostedService"/> that ticks the scheduler every <see cref="PromWorldOptions.Step"/>).
    /// </summary>
    /// <example><code>services.AddPromWorld(o => { o.Step = TimeSpan.FromMilliseconds(16); o.UseSchedule(PromSystems.Plan, PromSystems.Registrations); });</code></example>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Sets the step and the schedule (<see cref="PromWorldOptions.UseSchedule"/> is required).</param>
    /// <exception cref="InvalidOperationException">When resolved: no schedule was configured.</exception>
    public static IServiceCollection AddPromWorld(this IServiceCollection services, Action<PromWorldOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        var options = new PromWorldOptions();
        configure(options);
        services.AddSingleton(options);
        services.AddSingleton(provider =>
        {
            var world = new World(options.World);
            foreach (Action<IServiceProvider, World> setup in options.WorldSetup)
            {
                setup(provider, world);
            }

            return world;
        });
        services.AddSingleton(provider =>
        {
            Func<IServiceProvider, World, Scheduler> factory = options.SchedulerFactory
                ?? throw new InvalidOperationException("AddPromWorld: no schedule configured; call options.UseSchedule(PromSystems.Plan, PromSystems.Registrations).");
            Scheduler scheduler = factory(provider, provider.GetRequiredService<World>());
            foreach (Action<IServiceProvider, Scheduler> setup in options.SchedulerSetup)
            {
                setup(provider, scheduler);
            }

            return scheduler;
        });
        services.AddSingleton<PromWorldService>();
        services.AddHostedService(provider => provider.GetRequiredService<PromWorldService>());
        return services;
    }
}
