using Prom.CodeModel;
using Prom.CodeModel.Python;
using Prom.SourceGenerators.Common;

namespace Prom.SourceGenerators.Python;

/// <summary>Writes the C# class of one Python module: its functions, constructors of its classes and their wrappers.</summary>
internal static class PyModuleEmitter
{
    private const string Bridge = "global::Prom.Bridge.PyBridge";
    private const string PyPath = "global::Prom.Bridge.PyPath";
    private const string Task = "global::System.Threading.Tasks.Task";
    private const string Call = "global::System.TimeSpan? timeout = null, global::System.Threading.CancellationToken cancellationToken = default";

    /// <summary>The hint name of the generated file.</summary>
    public static string HintName(PyModuleModel model) =>
        HintNames.For(model.Namespace + "." + model.ClassName, model.FilePath.EndsWith(".pyi") ? "Pyi" : "Py");

    /// <summary>The generated source.</summary>
    public static string Emit(PyModuleModel model)
    {
        var w = new SourceWriter();
        GeneratedFile.Begin(w, model.Namespace);
        PyDocWriter.Write(w, model.Doc, "Typed wrapper of the Python module <c>" + PyDocWriter.Escape(model.ModuleName) + "</c>.", null);
        w.Line("/// <remarks>Generated from <c>" + PyDocWriter.Escape(System.IO.Path.GetFileName(model.FilePath)) + "</c>. Each method is one call through the bridge; its optional timeout and token apply to that call.</remarks>");
        w.Line(GeneratedFile.GeneratedCodeAttribute);
        w.Open("public sealed partial class " + model.ClassName);
        w.Line("/// <summary>The Python import name of the module.</summary>");
        w.Line("public const string ModuleName = " + CSharpLiteral.String(model.ModuleName) + ";");
        w.Line();
        w.Line("private readonly " + PyPath + " _module;");
        w.Line();
        w.Line("/// <summary>Wraps the module on <paramref name=\"bridge\"/>; Python imports it on the first call.</summary>");
        w.Open("public " + model.ClassName + "(" + Bridge + " bridge)");
        w.Line("Bridge = bridge ?? throw new global::System.ArgumentNullException(nameof(bridge));");
        w.Line("_module = bridge.Import(ModuleName);");
        w.Close();
        w.Line();
        w.Line("/// <summary>The bridge the module is called on.</summary>");
        w.Line("public " + Bridge + " Bridge { get; }");
        foreach (PyFunctionModel function in model.Functions)
        {
            w.Line();
            PyMethodEmitter.Write(w, function, "_module", "Calls Python's <c>" + PyDocWriter.Escape(model.ModuleName + "." + function.PythonName) + "</c>.");
        }
        foreach (PyClassModel cls in model.Classes)
        {
            if (cls.Constructor is { } constructor)
            {
                w.Line();
                PyMethodEmitter.Write(w, constructor, "_module", "Creates a Python <c>" + PyDocWriter.Escape(cls.PythonName) + "</c>.");
            }
        }
        foreach (PyClassModel cls in model.Classes)
        {
            w.Line();
            WriteWrapper(w, model, cls);
        }
        w.Close();
        GeneratedFile.CloseNamespace(w, model.Namespace);
        return w.ToString();
    }

    private static void WriteWrapper(SourceWriter w, PyModuleModel model, PyClassModel cls)
    {
        PyDocWriter.Write(w, cls.Doc, "A handle to a Python <c>" + PyDocWriter.Escape(model.ModuleName + "." + cls.PythonName) + "</c>.", null);
        w.Line("/// <remarks>Dispose it to release the Python object (an undisposed handle is released by its finalizer).</remarks>");
        w.Line(GeneratedFile.GeneratedCodeAttribute);
        w.Open("public sealed partial class " + cls.CSharpName + " : global::System.IAsyncDisposable");
        w.Line("/// <summary>Wraps a handle to an instance of the Python class.</summary>");
        w.Line("public " + cls.CSharpName + "(global::Prom.Bridge.PyObject handle) => Handle = handle ?? throw new global::System.ArgumentNullException(nameof(handle));");
        w.Line();
        w.Line("/// <summary>The handle of the Python object.</summary>");
        w.Line("public global::Prom.Bridge.PyObject Handle { get; }");
        w.Line();
        w.Line("/// <summary>Releases the Python object.</summary>");
        w.Line("public global::System.Threading.Tasks.ValueTask DisposeAsync() => Handle.DisposeAsync();");
        foreach (PyPropertyModel property in cls.Properties)
        {
            w.Line();
            WriteProperty(w, cls, property);
        }
        foreach (PyFunctionModel method in cls.Methods)
        {
            w.Line();
            PyMethodEmitter.Write(w, method, "Handle.Path", "Calls <c>" + PyDocWriter.Escape(cls.PythonName + "." + method.PythonName) + "</c>.");
        }
        w.Close();
    }

    private static void WriteProperty(SourceWriter w, PyClassModel cls, PyPropertyModel property)
    {
        string target = PyValueCode.Support + ".Path(Handle.Path, timeout, cancellationToken).Attr(" + CSharpLiteral.String(property.PythonName) + ")";
        string what = PyDocWriter.Escape(cls.PythonName + "." + property.PythonName);
        PyDocWriter.Write(w, property.Doc, "Reads <c>" + what + "</c>.", null);
        if (PyValueCode.Converts(property.Type))
        {
            w.Line("public async " + Task + "<" + property.Type.CSharpType + "> Get" + property.CSharpName + "(" + Call + ") =>");
            w.Line("    " + PyValueCode.Result("await " + target + ".Get<" + PyValueCode.RawType(property.Type) + ">().ConfigureAwait(false)", property.Type) + ";");
        }
        else
        {
            w.Line("public " + Task + "<" + property.Type.CSharpType + "> Get" + property.CSharpName + "(" + Call + ") => " + target + ".Get<" + property.Type.CSharpType + ">();");
        }
        if (!property.HasSetter) return;
        w.Line();
        w.Line("/// <summary>Assigns <c>" + what + "</c>.</summary>");
        w.Open("public " + Task + " Set" + property.CSharpName + "(" + property.Type.CSharpType + " value, " + Call + ")");
        if (PyValueCode.LiteralCheck("value", property.Type) is { } check) w.Line(check);
        string path = PyValueCode.Support + ".Path(Handle.Path, timeout, cancellationToken)";
        w.Line("return " + path + ".SetAttr(" + CSharpLiteral.String(property.PythonName) + ", " + PyValueCode.Argument("value", property.Type) + ");");
        w.Close();
    }
}
