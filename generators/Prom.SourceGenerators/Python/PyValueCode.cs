using Prom.CodeModel.Python;

namespace Prom.SourceGenerators.Python;

/// <summary>The C# expressions that move one mapped value across the bridge (arguments in, results out).</summary>
internal static class PyValueCode
{
    public const string Support = "global::Prom.Bridge.Typed.PyWrapperSupport";

    /// <summary>The expression that sends <paramref name="name"/> (a C# parameter of type <paramref name="type"/>).</summary>
    public static string Argument(string name, PyMappedType type)
    {
        bool mapping = type.CSharpType.StartsWith("global::System.Collections.Generic.IReadOnlyDictionary<");
        return type.Shape switch
        {
            PyValueShape.ClassWrapper => type.IsNullable ? name + "?.Handle" : "(" + name + " ?? throw new global::System.ArgumentNullException(nameof(" + name + "))).Handle",
            _ when mapping => Support + ".Mapping(" + name + ")",
            _ => name,
        };
    }

    /// <summary>
    /// The C# type of a parameter. A numeric numpy array takes a <c>PyArrayArgument&lt;T&gt;</c>: a <c>T[]</c> or a
    /// memory converts to it implicitly (copied into a reused shared segment), and so does a <c>SharedArray&lt;T&gt;</c>
    /// (no copy), so the common call with a plain array needs no shared array of its own.
    /// </summary>
    public static string ParameterType(PyMappedType type) => type.Shape == PyValueShape.SharedArray
        ? "global::Prom.Bridge.PyArrayArgument<" + type.Detail + ">" + (type.IsNullable ? "?" : "")
        : type.CSharpType;

    /// <summary>The type a bridge call is asked for, before <see cref="Result"/> converts it.</summary>
    public static string RawType(PyMappedType type) => type.Shape switch
    {
        PyValueShape.Tupled => "object?",
        PyValueShape.ClassWrapper => "global::Prom.Bridge.PyObject?",
        PyValueShape.StructArray => type.IsNullable ? type.CSharpType : type.CSharpType + "?",
        PyValueShape.Void => "object?",
        _ => type.CSharpType,
    };

    /// <summary>Whether <see cref="Result"/> changes the raw value (so the method must await it).</summary>
    public static bool Converts(PyMappedType type) => type.Shape is PyValueShape.Tupled or PyValueShape.ClassWrapper or PyValueShape.StructArray;

    /// <summary>The expression that turns the raw result <paramref name="raw"/> into the declared type.</summary>
    public static string Result(string raw, PyMappedType type)
    {
        string core = type.IsNullable ? type.CSharpType.Substring(0, type.CSharpType.Length - 1) : type.CSharpType;
        return type.Shape switch
        {
            PyValueShape.Tupled => Support + ".Convert<" + type.CSharpType + ">(" + raw + ")",
            PyValueShape.ClassWrapper when type.IsNullable => "(" + raw + " is { } __handle ? new " + core + "(__handle) : null)",
            PyValueShape.ClassWrapper => "new " + core + "(" + Support + ".Required(" + raw + ", \"" + core + "\"))",
            PyValueShape.StructArray when type.IsNullable => "(" + raw + " is { } __array ? " + Support + ".CheckStructs(__array) : null)",
            PyValueShape.StructArray => Support + ".CheckStructs(" + raw + " ?? throw new global::System.InvalidCastException(\"Python returned None where an array was declared.\"))",
            _ => raw,
        };
    }

    /// <summary>A statement that rejects a value outside a <c>Literal[...]</c>, or null for other types.</summary>
    public static string? LiteralCheck(string name, PyMappedType type)
    {
        if (type.Shape != PyValueShape.Literal) return null;
        string[] values = type.Detail.Split('\u001f');
        string allowed = string.Join(" or ", values);
        string nullable = type.IsNullable ? "null or " : "";
        string message = "must be one of " + string.Join(", ", values).Replace("\"", "'").Replace("\\", "\\\\");
        return "if (" + name + " is not (" + nullable + allowed + ")) throw new global::System.ArgumentOutOfRangeException(nameof(" + name + "), " + name
            + ", \"" + message.Replace("\"", "\\\"") + "\");";
    }
}
