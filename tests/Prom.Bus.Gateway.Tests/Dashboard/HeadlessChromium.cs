using System.IO;
using System.Threading.Tasks;
using Microsoft.Playwright;
using Xunit.Sdk;

namespace Prom.Bus.Gateway.Tests.Dashboard;

/// <summary>
/// Debian's Chromium (<c>/usr/bin/chromium</c>, from scripts/install-deps.sh) driven by Microsoft.Playwright's bundled
/// driver. Never a downloaded browser: a missing Chromium fails the test with the command that installs it.
/// </summary>
internal static class HeadlessChromium
{
    public const string ExecutablePath = "/usr/bin/chromium";

    private static readonly string[] s_args =
    [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run",
    ];

    public static async Task<(IPlaywright Playwright, IBrowser Browser)> LaunchAsync()
    {
        if (!File.Exists(ExecutablePath))
        {
            throw new XunitException($"Chromium is missing at {ExecutablePath}: run scripts/install-deps.sh (Debian package 'chromium').");
        }

        IPlaywright playwright = await Playwright.CreateAsync();
        try
        {
            IBrowser browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = ExecutablePath,
                Headless = true,
                Args = s_args,
                Timeout = 60_000,
            });
            return (playwright, browser);
        }
        catch
        {
            playwright.Dispose();
            throw;
        }
    }
}
