using System;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;
using Prom.Bus.Gateway.Protocol;
using Prom.Bus.Gateway.Security;

namespace Prom.Bus.Gateway.OpsHttp;

/// <summary>
/// The ops endpoints' guard: <c>Authorization: Bearer &lt;token&gt;</c> through the gateway's
/// <see cref="IGatewayAuthenticator"/>, and the <c>admin</c> scope. 401 without a valid token, 403 without the scope.
/// Also turns bus errors into their HTTP status with the wire code.
/// </summary>
internal sealed class OpsAdminFilter(IGatewayAuthenticator authenticator) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        if (await CheckAsync(context.HttpContext) is { } refused)
        {
            return refused;
        }

        try
        {
            return await next(context).ConfigureAwait(false);
        }
        catch (BusException ex)
        {
            return OpsJson.Error(OpsJson.StatusOf(ex.Code), GatewayErrorCodes.FromBus(ex.Code), ex.Message);
        }
    }

    /// <summary>Null when the request carries an admin token; otherwise the 401/403 answer.</summary>
    public async ValueTask<IResult?> CheckAsync(HttpContext http)
    {
        StringValues header = http.Request.Headers.Authorization;
        string? value = header.Count == 1 ? header[0] : null;
        const string prefix = "Bearer ";
        if (value is null || !value.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) || value.Length == prefix.Length)
        {
            http.Response.Headers.WWWAuthenticate = "Bearer";
            return OpsJson.Error(StatusCodes.Status401Unauthorized, GatewayErrorCodes.Unauthorized, "Send 'Authorization: Bearer <token>' with a token that has the admin scope.");
        }

        GatewayPrincipal? principal = await authenticator.AuthenticateAsync(value[prefix.Length..].Trim(), http.RequestAborted).ConfigureAwait(false);
        if (principal is null)
        {
            http.Response.Headers.WWWAuthenticate = "Bearer error=\"invalid_token\"";
            return OpsJson.Error(StatusCodes.Status401Unauthorized, GatewayErrorCodes.AuthFailed, "The token was refused.");
        }

        return principal.IsAdmin
            ? null
            : OpsJson.Error(StatusCodes.Status403Forbidden, GatewayErrorCodes.Forbidden, $"'{principal.Name}' lacks the admin scope the ops endpoints need.");
    }
}
