using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Prom.SourceGenerators.Tests.Properties;

/// <summary>Every generator and analyzer the package ships (found by reflection, so new ones are covered too).</summary>
internal static class AllComponents
{
    public static IIncrementalGenerator[] Generators() => typeof(global::Prom.SourceGenerators.Structs.StructGenerator).Assembly.GetTypes()
        .Where(t => !t.IsAbstract && typeof(IIncrementalGenerator).IsAssignableFrom(t) && t.GetCustomAttributes(typeof(GeneratorAttribute), false).Length > 0)
        .OrderBy(t => t.FullName, StringComparer.Ordinal)
        .Select(t => (IIncrementalGenerator)Activator.CreateInstance(t)!)
        .ToArray();

    public static DiagnosticAnalyzer[] Analyzers() => typeof(global::Prom.Analyzers.Structs.StructAnalyzer).Assembly.GetTypes()
        .Where(t => !t.IsAbstract && typeof(DiagnosticAnalyzer).IsAssignableFrom(t) && t.GetCustomAttributes(typeof(DiagnosticAnalyzerAttribute), false).Length > 0)
        .OrderBy(t => t.FullName, StringComparer.Ordinal)
        .Select(t => (DiagnosticAnalyzer)Activator.CreateInstance(t)!)
        .ToArray();

    /// <summary>The runtime assemblies a user project of the package compiles against.</summary>
    public static IEnumerable<MetadataReference> RuntimeReferences { get; } = new[]
    {
        typeof(Prom.Ecs.World).Assembly.Location,
        typeof(Prom.Topics.TopicClient<>).Assembly.Location,
        typeof(Prom.Bus.EventBus).Assembly.Location,
        typeof(Prom.Bus.Client.BusClient).Assembly.Location,
        typeof(Microsoft.Extensions.DependencyInjection.IServiceCollection).Assembly.Location,
        typeof(Microsoft.Extensions.Logging.ILogger).Assembly.Location,
        typeof(Prom.Bus.Sqlite.SqliteBusStore).Assembly.Location,
        typeof(Prom.Bus.Postgres.PostgresBusStore).Assembly.Location,
        typeof(Npgsql.NpgsqlConnection).Assembly.Location,
        // A host, as an app adds it (Microsoft.Extensions.Hosting): what complete snippets with a host compile against.
        typeof(Microsoft.Extensions.Hosting.Host).Assembly.Location,
        typeof(Microsoft.Extensions.Hosting.IHost).Assembly.Location,
        typeof(Microsoft.Extensions.DependencyInjection.ServiceCollectionContainerBuilderExtensions).Assembly.Location,
        typeof(Microsoft.Extensions.Configuration.ConfigurationManager).Assembly.Location,
        typeof(Microsoft.Extensions.Configuration.IConfiguration).Assembly.Location,
        typeof(Microsoft.Extensions.Primitives.IChangeToken).Assembly.Location,
        typeof(Microsoft.Extensions.FileProviders.IFileProvider).Assembly.Location,
        typeof(Microsoft.Extensions.Diagnostics.Metrics.IMetricsBuilder).Assembly.Location,
    }.Select(path => (MetadataReference)MetadataReference.CreateFromFile(path)).ToArray();
}
