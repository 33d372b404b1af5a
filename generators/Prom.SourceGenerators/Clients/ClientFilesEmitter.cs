using System.Collections.Generic;
using System.Globalization;
using Prom.CodeModel;
using Prom.SourceGenerators.Common;

namespace Prom.SourceGenerators.Clients;

/// <summary>
/// The C# carrier of the client files: <c>Prom.Generated.PromClientFiles</c> with one <c>PathNNNN</c>/<c>TextNNNN</c>
/// constant pair per file. A source generator cannot write files, so the texts travel inside the compiled assembly as
/// metadata constants and the package's MSBuild target (<c>PromWriteClients</c>) reads them from the built assembly and
/// writes the changed ones (see docs/clients.md, "How the files are written").
/// </summary>
internal static class ClientFilesEmitter
{
    public static string Emit(IReadOnlyList<ClientFile> files)
    {
        var w = new SourceWriter();
        GeneratedFile.Begin(w, GeneratedNames.Namespace);
        w.Line("/// <summary>The TypeScript, Python and JSON schema files of this project's topics; the build writes them to PromClientsOutputPath.</summary>");
        w.Line(GeneratedFile.GeneratedCodeAttribute);
        w.Open($"internal static class {GeneratedNames.ClientFiles}");
        for (int i = 0; i < files.Count; i++)
        {
            string n = i.ToString("D4", CultureInfo.InvariantCulture);
            w.Line($"public const string Path{n} = {Json.CSharpLiteral(files[i].Path)};");
            w.Line($"public const string Text{n} = {Json.CSharpLiteral(files[i].Text)};");
        }
        w.Close();
        GeneratedFile.CloseNamespace(w, GeneratedNames.Namespace);
        return w.ToString();
    }
}
