using System;
using System.Collections.Concurrent;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Threading.Tasks;
using Microsoft.Playwright;
using Xunit;
using static Microsoft.Playwright.Assertions;

namespace Prom.Bus.Gateway.Tests.Dashboard;

/// <summary>
/// The dashboard end to end in headless Chromium against a real gateway on 127.0.0.1: sign in with an admin token,
/// watch counts and lag change as records are published and consumed over WebSocket, dead-letter records, replay the
/// DLQ with the page's button, and keep screenshots under artifacts/test-results/dashboard.
/// </summary>
public sealed class DashboardBrowserTests
{
    private const string Topic = "dash.orders";
    private const float WaitMs = 15_000;

    [Fact]
    public async Task The_page_shows_live_counts_lag_and_dead_letters_and_replays_a_dlq()
    {
        await using GatewayHost host = await GatewayHost.StartAsync();
        using var ops = new HttpClient { BaseAddress = host.HttpUri, Timeout = TimeSpan.FromSeconds(20) };
        ops.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", GatewayHost.AdminToken);
        (await ops.PostAsync("/topics", new StringContent($$"""{"name":"{{Topic}}","partitions":3}""", Encoding.UTF8, "application/json"))).EnsureSuccessStatusCode();

        (IPlaywright playwright, IBrowser browser) = await HeadlessChromium.LaunchAsync();
        using IPlaywright _ = playwright;
        await using IBrowser __ = browser;
        IPage page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1360, Height = 1000 } });
        page.SetDefaultTimeout(WaitMs);
        var consoleErrors = new ConcurrentQueue<string>();
        var requests = new ConcurrentQueue<IRequest>();
        page.Console += (_, m) =>
        {
            if (m.Type == "error")
            {
                consoleErrors.Enqueue(m.Text);
            }
        };
        page.PageError += (_, e) => consoleErrors.Enqueue(e);
        page.Request += (_, r) => requests.Enqueue(r);

        await page.GotoAsync(new Uri(host.HttpUri, "/dashboard").ToString()); // redirects to /dashboard/
        await Expect(page).ToHaveTitleAsync("Prom.Bus dashboard");

        // A token without the admin scope is refused with the server's reason; the admin token opens the board.
        await page.GetByLabel("Admin token").FillAsync(GatewayHost.Token);
        await page.GetByRole(AriaRole.Button, new() { Name = "Connect" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("lacks the admin scope");
        await page.GetByLabel("Admin token").FillAsync(GatewayHost.AdminToken);
        await page.GetByRole(AriaRole.Button, new() { Name = "Connect" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Topics" })).ToBeVisibleAsync();
        consoleErrors.Clear(); // the browser logs the refused request above; from here on nothing may fail
        ILocator topicRow = page.Locator($"#topics-body tr[data-topic='{Topic}']");
        await Expect(topicRow.Locator("[data-field='head']")).ToHaveTextAsync("0");

        // Publish 6 records over WebSocket to a group that holds them all: records and lag rise on the page.
        await using WireClient client = await host.ConnectAsync();
        (await client.RequestAsync(new { op = "SUBSCRIBE", topic = Topic, group = "billing", opts = new { max_attempts = 1, max_inflight = 100 } })).AssertOk();
        for (int i = 0; i < 6; i++)
        {
            (await client.RequestAsync(new { op = "PUBLISH", topic = Topic, key = "customer-" + i, payload = new { order = i } })).AssertOk();
        }

        ILocator groupRow = page.Locator($"#groups-body tr[data-topic='{Topic}'][data-group='billing']");
        await Expect(topicRow.Locator("[data-field='head']")).ToHaveTextAsync("6");
        await Expect(groupRow.Locator("[data-field='lag']")).ToHaveTextAsync("6");
        await Expect(groupRow.Locator("[data-field='partitions'] li")).ToHaveCountAsync(3);
        await Expect(groupRow.Locator("[data-field='inflight']")).ToHaveTextAsync("6");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = ScreenshotPath("dashboard-lag.png"), FullPage = true });
        await page.WaitForFunctionAsync(
            $"() => parseFloat(document.querySelector(\"#topics-body tr[data-topic='{Topic}'] [data-field='rate']\").textContent) > 0",
            null, new PageWaitForFunctionOptions { Timeout = WaitMs });

        // Ack 4 and dead-letter 2 (max_attempts 1): lag drops to 0, the DLQ column and the summary show 2.
        string[] ids = new string[6];
        for (int i = 0; i < 6; i++)
        {
            ids[i] = (await client.NextEventAsync()).Root.GetProperty("event").GetProperty("id").GetString()!;
        }

        foreach (string id in ids.Take(4))
        {
            Assert.Equal("settled", (await client.RequestAsync(new { op = "ACK", topic = Topic, group = "billing", id })).AssertOk().Str("outcome"));
        }

        foreach (string id in ids.Skip(4))
        {
            Assert.Equal("dead_lettered", (await client.RequestAsync(new { op = "NACK", topic = Topic, group = "billing", id, reason = "card declined" })).AssertOk().Str("outcome"));
        }

        await Expect(groupRow.Locator("[data-field='lag']")).ToHaveTextAsync("0");
        await Expect(groupRow.Locator("[data-field='acked']")).ToHaveTextAsync("4");
        await Expect(groupRow.Locator("[data-field='nacked']")).ToHaveTextAsync("2");
        await Expect(topicRow.Locator("[data-field='dlq']")).ToHaveTextAsync("2");
        await Expect(page.Locator("#sum-dlq")).ToHaveTextAsync("2");
        ILocator replay = page.GetByRole(AriaRole.Button, new() { Name = $"Replay the dead-letter queue of {Topic}" });
        await Expect(replay).ToBeEnabledAsync();
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = ScreenshotPath("dashboard-dead-letters.png"), FullPage = true });

        // Replay: the DLQ drops to 0 and both records come back to the group they failed in.
        await replay.ClickAsync();
        await Expect(page.Locator("#toast")).ToContainTextAsync($"Replayed 2 dead letters of {Topic}");
        await Expect(topicRow.Locator("[data-field='dlq']")).ToHaveTextAsync("0");
        await Expect(page.Locator("#sum-dlq")).ToHaveTextAsync("0");
        await Expect(replay).ToBeDisabledAsync();
        for (int i = 0; i < 2; i++)
        {
            string id = (await client.NextEventAsync()).Root.GetProperty("event").GetProperty("id").GetString()!;
            (await client.RequestAsync(new { op = "ACK", topic = Topic, group = "billing", id })).AssertOk();
        }

        await Expect(topicRow.Locator("[data-field='head']")).ToHaveTextAsync("8");
        await Expect(groupRow.Locator("[data-field='acked']")).ToHaveTextAsync("6");
        await Expect(groupRow.Locator("[data-field='lag']")).ToHaveTextAsync("0");
        await Expect(page.Locator("#connections-body tr")).ToHaveCountAsync(1);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = ScreenshotPath("dashboard-replayed.png"), FullPage = true });

        // The token travels in the Authorization header of the ops requests, never in a URL; the CSP broke nothing.
        Assert.DoesNotContain(requests, r => r.Url.Contains(GatewayHost.AdminToken, StringComparison.Ordinal));
        IRequest stats = requests.Last(r => r.Url.EndsWith("/stats", StringComparison.Ordinal));
        Assert.Equal("Bearer " + GatewayHost.AdminToken, (await stats.AllHeadersAsync())["authorization"]);
        Assert.True(consoleErrors.IsEmpty, "Console errors: " + string.Join(" | ", consoleErrors));

        // Sign out forgets the token: the login form is back.
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await Expect(page.GetByLabel("Admin token")).ToBeVisibleAsync();
        await Expect(page.Locator("#board")).ToBeHiddenAsync();
    }

    private static string ScreenshotPath(string name)
    {
        string directory = Path.Combine(Prom.Testing.RepositoryLayout.Root(), "artifacts", "test-results", "dashboard");
        Directory.CreateDirectory(directory);
        return Path.Combine(directory, name);
    }
}
