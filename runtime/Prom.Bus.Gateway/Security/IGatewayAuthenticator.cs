using System.Threading;
using System.Threading.Tasks;

namespace Prom.Bus.Gateway.Security;

/// <summary>
/// Turns the token of an <c>AUTH</c> frame (or of an ops request's <c>Authorization: Bearer</c> header) into a
/// principal, or null to refuse it. Register your own (JWT, an identity service) in DI before
/// <c>AddPromBusGateway</c>; the default is <see cref="StaticTokenAuthenticator"/> over
/// <see cref="GatewayOptions.Tokens"/>.
/// </summary>
public interface IGatewayAuthenticator
{
    /// <summary>The principal the token stands for, or null when the token is not valid.</summary>
    ValueTask<GatewayPrincipal?> AuthenticateAsync(string token, CancellationToken ct);
}
