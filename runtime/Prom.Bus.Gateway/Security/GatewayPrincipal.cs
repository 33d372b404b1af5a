using System;
using System.Collections.Generic;
using System.Linq;

namespace Prom.Bus.Gateway.Security;

/// <summary>
/// Who is on a connection and what the token allows. Scopes (docs/gateway.md "Scopes"): <c>admin</c> (the ops HTTP
/// endpoints), <c>publish:&lt;topic pattern&gt;</c> and <c>subscribe:&lt;topic pattern&gt;[@&lt;group pattern&gt;]</c>;
/// a pattern is a glob where <c>*</c> matches any run of characters (<c>orders.*</c>, <c>*</c>).
/// </summary>
public sealed class GatewayPrincipal
{
    /// <summary>Scope that opens the ops HTTP endpoints.</summary>
    public const string AdminScope = "admin";

    private readonly ScopePattern[] _publish;
    private readonly (ScopePattern Topic, ScopePattern Group)[] _subscribe;

    /// <summary>Creates a principal; unknown scope strings are an error so a typo never silently grants nothing.</summary>
    /// <exception cref="ArgumentException">A scope is not one of the three forms.</exception>
    public GatewayPrincipal(string name, IEnumerable<string> scopes)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(scopes);
        Name = name;
        Scopes = scopes.ToArray();
        var publish = new List<ScopePattern>();
        var subscribe = new List<(ScopePattern, ScopePattern)>();
        foreach (string scope in Scopes)
        {
            if (scope == AdminScope)
            {
                IsAdmin = true;
            }
            else if (scope.StartsWith("publish:", StringComparison.Ordinal))
            {
                publish.Add(new ScopePattern(scope["publish:".Length..]));
            }
            else if (scope.StartsWith("subscribe:", StringComparison.Ordinal))
            {
                string rest = scope["subscribe:".Length..];
                int at = rest.IndexOf('@', StringComparison.Ordinal);
                subscribe.Add(at < 0
                    ? (new ScopePattern(rest), new ScopePattern("*"))
                    : (new ScopePattern(rest[..at]), new ScopePattern(rest[(at + 1)..])));
            }
            else
            {
                throw new ArgumentException(
                    $"Unknown scope '{scope}' of '{name}': use 'admin', 'publish:<topic pattern>' or 'subscribe:<topic pattern>[@<group pattern>]'.",
                    nameof(scopes));
            }
        }

        _publish = [.. publish];
        _subscribe = [.. subscribe];
    }

    /// <summary>Name of the principal (logged, shown in ops output).</summary>
    public string Name { get; }

    /// <summary>The scopes as configured.</summary>
    public IReadOnlyList<string> Scopes { get; }

    /// <summary>Whether the <c>admin</c> scope is present.</summary>
    public bool IsAdmin { get; }

    /// <summary>Whether a <c>publish:</c> scope matches <paramref name="topic"/>.</summary>
    public bool CanPublish(string topic) => _publish.Any(p => p.Matches(topic));

    /// <summary>Whether a <c>subscribe:</c> scope matches <paramref name="topic"/> and <paramref name="group"/>.</summary>
    public bool CanSubscribe(string topic, string group) => _subscribe.Any(s => s.Topic.Matches(topic) && s.Group.Matches(group));
}
