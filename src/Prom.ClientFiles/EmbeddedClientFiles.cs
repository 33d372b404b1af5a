using System;
using System.Collections.Generic;
using System.IO;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace Prom.ClientFiles;

/// <summary>
/// Reads the <c>PathNNNN</c>/<c>TextNNNN</c> constant pairs of <c>Prom.Generated.PromClientFiles</c> from an assembly's
/// metadata (System.Reflection.Metadata: the assembly is never loaded, so its dependencies need not resolve).
/// </summary>
public static class EmbeddedClientFiles
{
    /// <summary>The generated carrier type's namespace and name.</summary>
    public const string Namespace = GeneratedNames.Namespace, TypeName = GeneratedNames.ClientFiles;

    /// <summary>The files in the assembly, by relative path; null when it has no carrier type (emission is off).</summary>
    public static SortedDictionary<string, string>? Read(string assemblyPath)
    {
        using FileStream stream = File.OpenRead(assemblyPath);
        return Read(stream, assemblyPath);
    }

    /// <summary>As <see cref="Read(string)"/>, from an assembly image in <paramref name="stream"/> (named <paramref name="name"/> in errors).</summary>
    public static SortedDictionary<string, string>? Read(Stream stream, string name)
    {
        using var pe = new PEReader(stream, PEStreamOptions.LeaveOpen);
        MetadataReader reader = pe.GetMetadataReader();
        foreach (TypeDefinitionHandle handle in reader.TypeDefinitions)
        {
            TypeDefinition type = reader.GetTypeDefinition(handle);
            if (!reader.StringComparer.Equals(type.Name, TypeName) || !reader.StringComparer.Equals(type.Namespace, Namespace)) continue;

            var constants = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (FieldDefinitionHandle fieldHandle in type.GetFields())
            {
                FieldDefinition field = reader.GetFieldDefinition(fieldHandle);
                ConstantHandle constant = field.GetDefaultValue();
                if (constant.IsNil) continue;
                Constant value = reader.GetConstant(constant);
                if (value.TypeCode != ConstantTypeCode.String) continue;
                BlobReader blob = reader.GetBlobReader(value.Value);
                constants[reader.GetString(field.Name)] = blob.ReadUTF16(blob.Length);
            }

            var files = new SortedDictionary<string, string>(StringComparer.Ordinal);
            foreach ((string constantName, string path) in constants)
            {
                if (!constantName.StartsWith("Path", StringComparison.Ordinal)) continue;
                if (!constants.TryGetValue("Text" + constantName.Substring(4), out string? text))
                    throw new InvalidDataException($"{name}: {Namespace}.{TypeName}.{constantName} has no Text constant");
                files[ClientPaths.CheckRelative(path)] = text;
            }
            return files;
        }
        return null;
    }
}
