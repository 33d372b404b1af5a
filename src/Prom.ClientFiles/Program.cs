using System;
using System.Collections.Generic;
using System.IO;
using Prom.ClientFiles;

// prom-client-files <assembly> <output folder>: writes the client files embedded in <assembly> (see ClientFileWriter).
// Exit codes: 0 written (or nothing to write), 1 bad arguments or unreadable input, 2 the assembly has no client files.
if (args.Length != 2)
{
    Console.Error.WriteLine("usage: Prom.ClientFiles <built assembly> <output folder>");
    return 1;
}

try
{
    SortedDictionary<string, string>? files = EmbeddedClientFiles.Read(args[0]);
    if (files is null)
    {
        Console.Error.WriteLine($"error PROMCLIENTS: {args[0]} has no {EmbeddedClientFiles.Namespace}.{EmbeddedClientFiles.TypeName}: is the Prom.Generators generator referenced and PromClientsOutputPath set when it compiles?");
        return 2;
    }
    ClientWriteResult result = ClientFileWriter.Write(files, args[1]);
    Console.WriteLine($"Prom clients: {result.Written.Count} written, {result.Unchanged.Count} unchanged, {result.Deleted.Count} deleted in {Path.GetFullPath(args[1])}");
    return 0;
}
catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or BadImageFormatException or InvalidDataException)
{
    Console.Error.WriteLine($"error PROMCLIENTS: {ex.Message}");
    return 1;
}
