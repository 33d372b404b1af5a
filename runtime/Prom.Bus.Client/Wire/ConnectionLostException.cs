using System;

namespace Prom.Bus.Client.Wire;

/// <summary>The connection closed before the request got its reply; the client decides whether to resend it.</summary>
internal sealed class ConnectionLostException(string message, Exception? inner = null) : Exception(message, inner);
