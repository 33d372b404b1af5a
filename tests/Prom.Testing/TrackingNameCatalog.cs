using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;

namespace Prom.Testing;

/// <summary>
/// Every incremental step name a generator assembly declares, found by reflection over its tracking-name holders
/// (static classes whose name ends with <c>TrackingNames</c>, public <c>const string</c> fields), so that a caching
/// test covers a new step the day it is named, without anyone adding it to a list.
/// </summary>
public static class TrackingNameCatalog
{
    /// <summary>The tracking names declared in <paramref name="generatorAssembly"/>, ordered.</summary>
    public static IReadOnlyList<string> In(Assembly generatorAssembly)
    {
        string[] names = generatorAssembly.GetTypes()
            .Where(type => type.IsAbstract && type.IsSealed && type.Name.EndsWith("TrackingNames", StringComparison.Ordinal))
            .SelectMany(type => type.GetFields(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static))
            .Where(field => field.IsLiteral && field.FieldType == typeof(string))
            .Select(field => (string)field.GetRawConstantValue()!)
            .OrderBy(name => name, StringComparer.Ordinal)
            .ToArray();
        if (names.Length == 0) throw new InvalidOperationException($"{generatorAssembly.GetName().Name} declares no tracking names.");
        if (names.Distinct().Count() != names.Length) throw new InvalidOperationException("Two steps share a tracking name: " + string.Join(", ", names));
        return names;
    }
}
