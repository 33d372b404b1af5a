namespace Prom.Bus.Gateway;

/// <summary>Names of the wire protocol (docs/gateway.md): the WebSocket subprotocol and the <c>op</c> values.</summary>
public static class GatewayProtocol
{
    /// <summary>
    /// The WebSocket subprotocol of this protocol version. A client offers it in <c>Sec-WebSocket-Protocol</c>; the server
    /// accepts it (and refuses an upgrade that offers only other names). A future incompatible version gets a new name.
    /// </summary>
    public const string SubProtocol = "prom-bus.v1";

    /// <summary>Client → server ops.</summary>
    public static class Ops
    {
#pragma warning disable CS1591 // the names are the documentation: docs/gateway.md describes each op
        public const string Auth = "AUTH";
        public const string Publish = "PUBLISH";
        public const string Subscribe = "SUBSCRIBE";
        public const string Unsubscribe = "UNSUBSCRIBE";
        public const string Ack = "ACK";
        public const string Nack = "NACK";
        public const string ModAck = "MODACK";
        public const string Release = "RELEASE";
        public const string Pause = "PAUSE";
        public const string Resume = "RESUME";
        public const string Flow = "FLOW";
        public const string Ping = "PING";

        // server → client
        public const string Ok = "OK";
        public const string Err = "ERR";
        public const string Event = "EVENT";
        public const string Pong = "PONG";
#pragma warning restore CS1591
    }
}
