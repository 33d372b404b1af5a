using System.Collections.Generic;
using System.Linq;
using Npgsql;
using Prom.Testing;
using Prom.Testing.Postgres;
using Xunit;

namespace Prom.Generators.Tests;

/// <summary>
/// docs/bus.md's complete PostgreSQL program, copied into a fresh console project that adds the packed package and
/// Microsoft.Extensions.Hosting (as the page says), builds with no warning and runs against a real PostgreSQL database:
/// the store, Npgsql and the hosted consumer all come from the package.
/// </summary>
[Collection(PackedFeedCollection.Name)]
public sealed class PostgresConsumerTests
{
    private readonly PackedFeed _feed;

    public PostgresConsumerTests(PackedFeed feed) => _feed = feed;

    [Fact]
    public void TheDocsPostgresProgram_BuildsFromThePackage_AndDeliversThroughPostgres()
    {
        string program = Assert.Single(DocumentationPages.CompleteBlocks("docs/bus.md"), block => block.Contains(".UsePostgres("));
        string app = _feed.CreateConsoleProject("PgApp", program, "Microsoft.Extensions.Hosting");
        var build = DotnetCli.Run(app, PackedFeed.Limit, "build", "-c", "Release");
        Assert.True(build.ExitCode == 0, "build failed:\n" + build.Output);
        Assert.True(DotnetCli.Warnings(build.Output).Count == 0, "a consumer's build must print no warning:\n" + build.Output);

        string database = PostgresTestDatabase.Create("prom_consumer_test");
        var run = DotnetCli.Run(app, PackedFeed.Limit, new Dictionary<string, string> { ["ConnectionStrings__bus"] = database },
            "run", "-c", "Release", "--no-build");
        Assert.True(run.ExitCode == 0, "run failed:\n" + run.Output);
        Assert.Contains("received: hello", run.Output);

        // It went through PostgreSQL: the record is in the program's schema and the group's watermark passed it.
        using var conn = new NpgsqlConnection(database);
        conn.Open();
        using var events = new NpgsqlCommand("SELECT count(*) FROM prom_bus.events WHERE topic = 'greetings'", conn);
        Assert.Equal(1L, (long)events.ExecuteScalar()!);
        using var cursors = new NpgsqlCommand("SELECT coalesce(sum(watermark), 0) FROM prom_bus.cursors WHERE topic = 'greetings' AND grp = 'printer'", conn);
        Assert.Equal(1L, System.Convert.ToInt64(cursors.ExecuteScalar()));
    }
}
