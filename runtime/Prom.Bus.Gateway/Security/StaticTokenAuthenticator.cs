using System;
using System.Collections.Generic;
using System.Security.Cryptography;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Options;

namespace Prom.Bus.Gateway.Security;

/// <summary>
/// The shipped authenticator: the tokens of <see cref="GatewayOptions.Tokens"/>, each with its scopes. Tokens are
/// compared as SHA-256 digests in constant time, so the comparison leaks neither length nor prefix.
/// </summary>
public sealed class StaticTokenAuthenticator : IGatewayAuthenticator
{
    private readonly List<(byte[] Digest, GatewayPrincipal Principal)> _tokens = [];

    /// <summary>Reads the tokens from the options.</summary>
    /// <exception cref="ArgumentException">A token is empty or has an unknown scope.</exception>
    public StaticTokenAuthenticator(IOptions<GatewayOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        int n = 0;
        foreach (GatewayToken t in options.Value.Tokens)
        {
            if (string.IsNullOrEmpty(t.Token))
            {
                throw new ArgumentException($"Gateway token #{n} has no Token value.", nameof(options));
            }

            _tokens.Add((Digest(t.Token), new GatewayPrincipal(t.Name ?? $"token-{n}", t.Scopes)));
            n++;
        }
    }

    /// <inheritdoc />
    public ValueTask<GatewayPrincipal?> AuthenticateAsync(string token, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(token);
        byte[] digest = Digest(token);
        GatewayPrincipal? found = null;
        foreach ((byte[] d, GatewayPrincipal p) in _tokens)
        {
            if (CryptographicOperations.FixedTimeEquals(d, digest))
            {
                found = p;
            }
        }

        return ValueTask.FromResult(found);
    }

    private static byte[] Digest(string token) => SHA256.HashData(Encoding.UTF8.GetBytes(token));
}
