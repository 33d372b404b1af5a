using System;

namespace Prom.Bridge;

/// <summary>A Python exception raised by a call; the bridge stays usable afterwards.</summary>
public sealed class PythonException : BridgeException
{
    /// <summary>Creates the exception from the parts Python reported.</summary>
    public PythonException(string typeName, string pythonMessage, string pythonTraceback)
        : base($"{typeName}: {pythonMessage}")
    {
        TypeName = typeName;
        PythonMessage = pythonMessage;
        PythonTraceback = pythonTraceback;
    }

    /// <summary>The Python exception type: the bare name for builtins (<c>ZeroDivisionError</c>), else <c>module.QualName</c>.</summary>
    public string TypeName { get; }

    /// <summary><c>str(exception)</c> in Python.</summary>
    public string PythonMessage { get; }

    /// <summary>The formatted Python traceback (<c>traceback.format_exc()</c>).</summary>
    public string PythonTraceback { get; }

    /// <inheritdoc />
    public override string ToString() => base.ToString() + Environment.NewLine + "--- Python traceback ---" + Environment.NewLine + PythonTraceback;
}
