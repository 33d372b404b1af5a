using System.Collections.Generic;
using System.Text;
using Microsoft.CodeAnalysis.CSharp;

namespace Prom.CodeModel.Python;

/// <summary>Python names as C# names: <c>read_all</c> → <c>ReadAll</c> (members) and <c>readAll</c> (parameters).</summary>
public static class PyNaming
{
    /// <summary>PascalCase of a snake_case (or already mixed-case) name; leading underscores dropped.</summary>
    public static string Pascal(string name)
    {
        var builder = new StringBuilder(name.Length);
        bool upper = true;
        foreach (char c in name)
        {
            if (c == '_')
            {
                upper = true;
                continue;
            }
            builder.Append(upper ? char.ToUpperInvariant(c) : c);
            upper = false;
        }
        string result = builder.ToString();
        return result.Length == 0 || char.IsDigit(result[0]) ? "_" + result : result;
    }

    /// <summary>camelCase for parameters, escaped with <c>@</c> when it is a C# keyword; empty names become <c>arg{index}</c>.</summary>
    public static string Camel(string name, int index)
    {
        string pascal = Pascal(name).TrimStart('_');
        if (pascal.Length == 0 || char.IsDigit(pascal[0])) return "arg" + index.ToString(System.Globalization.CultureInfo.InvariantCulture);
        string camel = char.ToLowerInvariant(pascal[0]) + pascal.Substring(1);
        return Escape(camel);
    }

    /// <summary>Prefixes <c>@</c> to a C# keyword.</summary>
    public static string Escape(string identifier) =>
        SyntaxFacts.GetKeywordKind(identifier) != SyntaxKind.None || SyntaxFacts.GetContextualKeywordKind(identifier) is SyntaxKind.AwaitKeyword
            ? "@" + identifier
            : identifier;

    /// <summary>The C# class name of a module: <c>sensors</c> → <c>SensorsModule</c>, <c>pkg.sensor_io</c> → <c>SensorIoModule</c>.</summary>
    public static string ModuleClass(string moduleName)
    {
        int dot = moduleName.LastIndexOf('.');
        return Pascal(dot >= 0 ? moduleName.Substring(dot + 1) : moduleName) + "Module";
    }

    /// <summary>True for a Python identifier that a module name part can be.</summary>
    public static bool IsModuleName(string moduleName)
    {
        if (moduleName.Length == 0) return false;
        foreach (string part in moduleName.Split('.'))
        {
            if (part.Length == 0 || !(char.IsLetter(part[0]) || part[0] == '_')) return false;
            foreach (char c in part)
            {
                if (!(char.IsLetterOrDigit(c) || c == '_')) return false;
            }
        }
        return true;
    }

    /// <summary>Names every generated member of a module class or a wrapper already uses.</summary>
    public static readonly IReadOnlyCollection<string> Reserved = new HashSet<string>
    {
        "Bridge", "ModuleName", "Handle", "Equals", "GetHashCode", "ToString", "GetType", "DisposeAsync", "MemberwiseClone", "Finalize",
    };
}
