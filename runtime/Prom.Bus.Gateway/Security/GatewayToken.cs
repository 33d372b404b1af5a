using System.Collections.Generic;

namespace Prom.Bus.Gateway.Security;

/// <summary>One static token of <see cref="GatewayOptions.Tokens"/> (configuration section <c>Gateway:Tokens:N</c>).</summary>
public sealed class GatewayToken
{
    /// <summary>The secret a client sends in <c>AUTH {token}</c>.</summary>
    public string Token { get; set; } = "";

    /// <summary>Name of the principal (logs, ops output). Default: "token-N".</summary>
    public string? Name { get; set; }

    /// <summary>Scopes: <c>admin</c>, <c>publish:&lt;pattern&gt;</c>, <c>subscribe:&lt;pattern&gt;[@&lt;group pattern&gt;]</c>.</summary>
    public List<string> Scopes { get; set; } = [];
}
