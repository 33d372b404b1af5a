using System;
using System.Diagnostics.CodeAnalysis;
using System.Text.Json;

namespace Prom.Bridge.Arrays;

/// <summary>numpy dtype strings of the .NET primitive element types (little-endian, as numpy's <c>dtype.str</c>).</summary>
internal static class NumpyDtypes
{
    public static bool TryGetPrimitive(Type type, [NotNullWhen(true)] out string? dtype, out int size)
    {
        (dtype, size) = Type.GetTypeCode(type) switch
        {
            TypeCode.Single => ("<f4", 4),
            TypeCode.Double => ("<f8", 8),
            TypeCode.SByte => ("|i1", 1),
            TypeCode.Byte => ("|u1", 1),
            TypeCode.Int16 => ("<i2", 2),
            TypeCode.UInt16 => ("<u2", 2),
            TypeCode.Int32 => ("<i4", 4),
            TypeCode.UInt32 => ("<u4", 4),
            TypeCode.Int64 => ("<i8", 8),
            TypeCode.UInt64 => ("<u8", 8),
            TypeCode.Boolean => ("|b1", 1),
            _ => type == typeof(Half) ? ("<f2", 2) : (null, 0),
        };
        return dtype is not null;
    }

    public static string Primitive<T>()
    {
        if (!BitConverter.IsLittleEndian)
        {
            throw new PlatformNotSupportedException("Prom.Bridge arrays assume a little-endian host.");
        }

        return TryGetPrimitive(typeof(T), out string? dtype, out _)
            ? dtype
            : throw new ArgumentException(
                $"{typeof(T).FullName} is not a numpy primitive element type (float, double, sbyte, byte, short, ushort, int, uint, "
                + "long, ulong, bool, Half); for a [Struct] type use SharedArray.CreateStructs<T>.");
    }

    /// <summary>Writes a dtype: a JSON dtype description (starts with '{' or '[') raw, a dtype string as a string.</summary>
    public static void WriteDtype(Utf8JsonWriter json, string dtype)
    {
        if (dtype.Length > 0 && (dtype[0] == '{' || dtype[0] == '['))
        {
            json.WriteRawValue(dtype);
        }
        else
        {
            json.WriteStringValue(dtype);
        }
    }
}
