using System;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Threading.Tasks;
using Xunit;

namespace Prom.Bus.Gateway.Tests.Dashboard;

/// <summary>How the gateway serves the dashboard's files (the browser test shows that the page works).</summary>
public sealed class DashboardPageTests : IAsyncLifetime
{
    private GatewayHost _host = null!;
    private HttpClient _http = null!;

    public async Task InitializeAsync()
    {
        _host = await GatewayHost.StartAsync();
        _http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = _host.HttpUri, Timeout = TimeSpan.FromSeconds(20) };
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _host.DisposeAsync();
    }

    [Fact]
    public async Task The_page_path_without_a_slash_redirects_to_the_page()
    {
        HttpResponseMessage r = await _http.GetAsync("/dashboard?x=1");
        Assert.Equal(HttpStatusCode.Redirect, r.StatusCode);
        Assert.Equal("/dashboard/?x=1", r.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task The_page_is_served_without_a_token_with_a_strict_content_security_policy()
    {
        HttpResponseMessage r = await _http.GetAsync("/dashboard/");
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        Assert.Equal("text/html", r.Content.Headers.ContentType!.MediaType);
        string csp = string.Join(";", r.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("script-src 'self'", csp, StringComparison.Ordinal);
        Assert.Contains("connect-src 'self'", csp, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.Equal("nosniff", r.Headers.GetValues("X-Content-Type-Options").Single());
        string html = await r.Content.ReadAsStringAsync();
        Assert.Contains("<meta name=\"prom-ops-base\" content=\"\">", html, StringComparison.Ordinal); // ops at the root
        Assert.Contains("<label for=\"token\">Admin token</label>", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("dashboard.js", "text/javascript")]
    [InlineData("dashboard.css", "text/css")]
    [InlineData("icon.svg", "image/svg+xml")]
    public async Task Assets_have_their_type_an_etag_and_no_external_reference(string name, string type)
    {
        HttpResponseMessage r = await _http.GetAsync("/dashboard/" + name);
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        Assert.Equal(type, r.Content.Headers.ContentType!.MediaType);
        string body = await r.Content.ReadAsStringAsync();
        // Self-contained: no CDN, no web font, nothing fetched from another origin (the SVG namespace is not a fetch).
        Assert.DoesNotContain("https://", body, StringComparison.Ordinal);
        Assert.DoesNotContain("http://", body.Replace("http://www.w3.org/2000/svg", "", StringComparison.Ordinal), StringComparison.Ordinal);

        using var again = new HttpRequestMessage(HttpMethod.Get, "/dashboard/" + name);
        again.Headers.IfNoneMatch.Add(EntityTagHeaderValue.Parse(r.Headers.ETag!.Tag));
        Assert.Equal(HttpStatusCode.NotModified, (await _http.SendAsync(again)).StatusCode);
    }
}
