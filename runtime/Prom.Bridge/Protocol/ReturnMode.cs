namespace Prom.Bridge.Protocol;

/// <summary>How Python sends a call's result back (the request's <c>ret</c> field).</summary>
internal enum ReturnMode
{
    /// <summary>By the value policy: plain values by value, everything else as a handle.</summary>
    Auto,

    /// <summary>Always a handle (except <c>None</c>).</summary>
    Handle,

    /// <summary>Arrays and buffers as one binary part with dtype and shape; other values by the policy.</summary>
    Buffer,

    /// <summary>Arrays and buffers copied once into a new shared-memory file the host maps.</summary>
    Shared,

    /// <summary>Nothing: Python answers <c>null</c> (the caller ignores the result).</summary>
    None,

    /// <summary><c>repr(result)</c> as a string.</summary>
    Repr,
}
