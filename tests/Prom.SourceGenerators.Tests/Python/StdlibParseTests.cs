using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using Prom.CodeModel.Python;
using Prom.SourceGenerators.Python;
using Prom.Testing;
using Xunit;
using Xunit.Abstractions;

namespace Prom.SourceGenerators.Tests.Python;

/// <summary>
/// The parser against code no one here wrote: every <c>def</c> of the standard library of /usr/bin/python3, as
/// Python's own <c>ast</c> sees it, is either parsed with the same name, line and parameters, or reported; the model
/// builder and the emitter run on every file without throwing.
/// </summary>
public sealed class StdlibParseTests
{
    private const string StdlibRoot = "/usr/lib/python3.11";

    // Prints one line per def: path, line, name, positional-only, normal, *args, keyword-only, **kwargs.
    private const string AstDump = """
        import ast, os
        for dp, dn, fn in os.walk(ROOT):
            dn.sort()
            for f in sorted(fn):
                if not f.endswith('.py'):
                    continue
                p = os.path.join(dp, f)
                try:
                    tree = ast.parse(open(p, 'rb').read())
                except (SyntaxError, ValueError):
                    print(p + '\tunparsable')
                    continue
                for node in ast.walk(tree):
                    if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                        a = node.args
                        print('\t'.join([p, str(node.lineno), node.name, ','.join(x.arg for x in a.posonlyargs), ','.join(x.arg for x in a.args),
                                         a.vararg.arg if a.vararg else '', ','.join(x.arg for x in a.kwonlyargs), a.kwarg.arg if a.kwarg else '']))
        """;

    private readonly ITestOutputHelper _output;

    public StdlibParseTests(ITestOutputHelper output) => _output = output;

    [Fact]
    public void EveryStdlibDef_IsParsedLikePythonsAst_OrReported()
    {
        Assert.True(Directory.Exists(StdlibRoot), $"{StdlibRoot} is missing: install Debian's python3 (scripts/install-deps.sh)");
        (int exit, string stdout, string stderr) = PythonLocator.Run("/usr/bin/python3", "ROOT = '" + StdlibRoot + "'\n" + AstDump, TimeSpan.FromMinutes(5));
        Assert.True(exit == 0, "the ast dump failed: " + stderr);

        var expected = new Dictionary<string, List<string[]>>(StringComparer.Ordinal);
        foreach (string line in stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            string[] fields = line.Split('\t');
            if (!expected.TryGetValue(fields[0], out List<string[]>? list)) expected[fields[0]] = list = new List<string[]>();
            if (fields.Length == 8) list.Add(fields);
        }

        int files = 0, defs = 0, parsed = 0, reported = 0;
        var mismatches = new List<string>();
        foreach (string path in Directory.EnumerateFiles(StdlibRoot, "*.py", SearchOption.AllDirectories).OrderBy(p => p, StringComparer.Ordinal))
        {
            files++;
            string text = Encoding.UTF8.GetString(File.ReadAllBytes(path));
            PyModuleSyntax syntax = PySourceParser.Parse(text);

            // The whole generator path must survive any file: build the model and emit it.
            PyModuleModel model = PyModuleBuilder.Build(path, text, "stdlib_module", "Stdlib");
            Assert.NotNull(PyModuleEmitter.Emit(model));

            var ours = syntax.AllFunctions.ToLookup(f => (f.Line, f.Name));
            List<string[]> wantedDefs = expected.TryGetValue(path, out List<string[]>? list) ? list : new List<string[]>();
            foreach (string[] def in wantedDefs)
            {
                defs++;
                int line = int.Parse(def[1], System.Globalization.CultureInfo.InvariantCulture);
                PyFunctionSyntax? found = ours[(line, def[2])].FirstOrDefault();
                if (found is null)
                {
                    mismatches.Add($"{path}:{line} def {def[2]}: not found by the parser");
                    continue;
                }
                if (found.Error is not null)
                {
                    reported++;
                    _output.WriteLine($"reported {path}:{line} {def[2]}: {found.Error}");
                    continue;
                }
                string Names(PyParameterKind kind) => string.Join(",", found.Parameters.Where(p => p.Kind == kind).Select(p => p.Name));
                string actual = string.Join("\t", Names(PyParameterKind.PositionalOnly), Names(PyParameterKind.Normal), Names(PyParameterKind.VarPositional),
                    Names(PyParameterKind.KeywordOnly), Names(PyParameterKind.VarKeyword));
                string wanted = string.Join("\t", def.Skip(3));
                if (actual != wanted) mismatches.Add($"{path}:{line} def {def[2]}: parameters [{actual}], ast says [{wanted}]");
                else parsed++;
            }
            int extra = syntax.AllFunctions.Count - wantedDefs.Count;
            if (extra > 0) mismatches.Add($"{path}: the parser found {extra} def(s) more than ast");
        }

        _output.WriteLine($"{files} files, {defs} defs: {parsed} parsed like ast, {reported} reported");
        Assert.True(files > 500, $"only {files} files under {StdlibRoot}");
        Assert.True(mismatches.Count == 0, $"{mismatches.Count} mismatches:\n" + string.Join("\n", mismatches.Take(40)));
        Assert.Equal(defs, parsed + reported);
    }
}
