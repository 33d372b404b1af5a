using System.Linq;
using Prom.CodeModel.Structs;
using Prom.SourceGenerators.Common;

namespace Prom.SourceGenerators.Structs;

/// <summary>
/// Emits the placeholder of an invalid [Struct]: each declared partial member gets accessors that throw, so the
/// user's code compiles and the build shows the PROM diagnostic that explains the mistake instead of CS9248.
/// No layout, no IStruct implementation: code that uses them fails to compile until the declaration is fixed.
/// </summary>
internal static class StructPlaceholderEmitter
{
    public static string Emit(StructPlaceholderModel model)
    {
        var w = new SourceWriter();
        GeneratedFile.Begin(w, model.Namespace);
        foreach (ContainingTypeModel outer in model.ContainingTypes) w.Open(outer.Declaration);
        w.Open(model.Declaration);
        string message = Json.CSharpLiteral($"[Struct] '{model.Name}' has errors (see its PROM diagnostics), so no storage was generated.");
        string throwIt = $"throw new global::System.InvalidOperationException({message})";
        foreach (PlaceholderMemberModel member in model.Members)
        {
            var accessors = member.Accessors.Select(a => $"{(a.Modifiers.Length == 0 ? "" : a.Modifiers + " ")}{a.Keyword} => {throwIt};");
            w.Line($"{member.Signature} {{ {string.Join(" ", accessors)} }}");
        }
        w.Close();
        foreach (ContainingTypeModel _ in model.ContainingTypes) w.Close();
        GeneratedFile.CloseNamespace(w, model.Namespace);
        return w.ToString();
    }
}
