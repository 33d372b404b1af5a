using System;
using System.Text;
using System.Text.Encodings.Web;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Prom.Bus.Gateway.Dashboard;

namespace Prom.Bus.Gateway;

/// <summary>Maps the live dashboard page (docs/gateway.md "Dashboard").</summary>
public static class DashboardEndpointRouteBuilderExtensions
{
    /// <summary>Placeholder in index.html replaced by the ops endpoints' base path of the request.</summary>
    private const string OpsBasePlaceholder = "__PROM_OPS_BASE__";

    /// <summary>
    /// Only this origin's own files and ops endpoints: no inline script, no CDN, no framing. The page builds every
    /// element with the DOM API, so data from the broker (topic, group and principal names) is never parsed as HTML.
    /// </summary>
    private const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; " +
        "form-action 'none'; frame-ancestors 'none'; base-uri 'none'";

    private static readonly Lazy<DashboardAsset> s_index = new(() => DashboardAsset.Load("index.html", "text/html; charset=utf-8"));
    private static readonly Lazy<DashboardAsset[]> s_files = new(() =>
    [
        DashboardAsset.Load("dashboard.js", "text/javascript; charset=utf-8"),
        DashboardAsset.Load("dashboard.css", "text/css; charset=utf-8"),
        DashboardAsset.Load("icon.svg", "image/svg+xml"),
    ]);

    /// <summary>
    /// Maps the dashboard at <paramref name="pattern"/> (default <c>/dashboard</c>; the page is
    /// <c>/dashboard/</c>, <c>/dashboard</c> redirects there): static HTML, JavaScript and CSS embedded in this
    /// assembly, no build step and no CDN. The page itself holds no data and needs no token; it asks the user for a
    /// token with the <c>admin</c> scope and polls the ops endpoints (<see cref="OpsEndpointRouteBuilderExtensions.MapPromBusOps"/>,
    /// which must be mapped under <paramref name="opsPrefix"/>) with it in the <c>Authorization</c> header.
    /// </summary>
    /// <param name="endpoints">The application's routes.</param>
    /// <param name="pattern">Path of the page, without a trailing slash.</param>
    /// <param name="opsPrefix">The prefix given to <c>MapPromBusOps</c> (default: the root).</param>
    public static RouteGroupBuilder MapPromBusDashboard(this IEndpointRouteBuilder endpoints, string pattern = "/dashboard", string opsPrefix = "")
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentNullException.ThrowIfNull(pattern);
        ArgumentNullException.ThrowIfNull(opsPrefix);
        string path = "/" + pattern.Trim('/');
        string ops = opsPrefix.Trim('/') is { Length: > 0 } p ? "/" + p : "";
        _ = s_index.Value; // a missing resource fails at start, not at the first visit
        _ = s_files.Value;

        RouteGroupBuilder group = endpoints.MapGroup(path);
        // Routing matches "/dashboard" and "/dashboard/" alike; only the second makes the page's relative links work.
        group.MapGet("/", (HttpContext http) => http.Request.Path.Value?.EndsWith('/') == true
            ? ServeIndexAsync(http, ops)
            : Results.Redirect(http.Request.PathBase + path + "/" + http.Request.QueryString).ExecuteAsync(http));
        foreach (DashboardAsset asset in s_files.Value)
        {
            group.MapGet("/" + asset.Name, (HttpContext http) => ServeAsync(http, asset));
        }

        return group;
    }

    private static Task ServeIndexAsync(HttpContext http, string opsPrefix)
    {
        string opsBase = HtmlEncoder.Default.Encode(http.Request.PathBase + opsPrefix);
        byte[] html = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(s_index.Value.Bytes).Replace(OpsBasePlaceholder, opsBase, StringComparison.Ordinal));
        SetHeaders(http.Response, s_index.Value.ContentType);
        http.Response.ContentLength = html.Length;
        return http.Response.Body.WriteAsync(html).AsTask();
    }

    private static Task ServeAsync(HttpContext http, DashboardAsset asset)
    {
        SetHeaders(http.Response, asset.ContentType);
        http.Response.Headers.ETag = asset.ETag;
        if (http.Request.Headers.IfNoneMatch == asset.ETag)
        {
            http.Response.StatusCode = StatusCodes.Status304NotModified;
            return Task.CompletedTask;
        }

        http.Response.ContentLength = asset.Bytes.Length;
        return http.Response.Body.WriteAsync(asset.Bytes).AsTask();
    }

    private static void SetHeaders(HttpResponse response, string contentType)
    {
        response.ContentType = contentType;
        // Revalidate every load, so a server upgrade never leaves an old script running against new endpoints.
        response.Headers.CacheControl = "no-cache";
        response.Headers.ContentSecurityPolicy = ContentSecurityPolicy;
        response.Headers.XContentTypeOptions = "nosniff";
        response.Headers["Referrer-Policy"] = "no-referrer";
        response.Headers.XFrameOptions = "DENY";
    }
}
