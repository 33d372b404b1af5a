using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace Prom.SourceGenerators.Clients;

/// <summary>
/// Every file the build writes into <c>PromClientsOutputPath</c>, in path order:
/// <c>typescript/{topics,protocol,client}.ts</c>, <c>python/&lt;package&gt;/{__init__,topics,protocol,client}.py</c> +
/// <c>py.typed</c>, <c>schemas/&lt;topic&gt;.v&lt;N&gt;.schema.json</c>, and <c>asyncapi.json</c>.
/// </summary>
internal static class ClientFileSet
{
    public static IReadOnlyList<ClientFile> Build(ClientDeclarations declarations, string assemblyName, string pythonPackage, string asyncApiJson)
    {
        var files = new List<ClientFile>
        {
            new("typescript/topics.ts", TypeScriptEmitter.Emit(declarations, assemblyName)),
            new("typescript/protocol.ts", ClientRuntimeFiles.TypeScriptProtocol),
            new("typescript/client.ts", ClientRuntimeFiles.TypeScriptClient),
            new($"python/{pythonPackage}/__init__.py", PythonInit(assemblyName)),
            new($"python/{pythonPackage}/topics.py", PythonEmitter.Emit(declarations, assemblyName)),
            new($"python/{pythonPackage}/protocol.py", ClientRuntimeFiles.PythonProtocol),
            new($"python/{pythonPackage}/client.py", ClientRuntimeFiles.PythonClient),
            new($"python/{pythonPackage}/py.typed", ""),
            new("asyncapi.json", asyncApiJson + "\n"),
        };
        foreach (ClientTopic topic in declarations.Topics)
        {
            foreach (ClientTopicVersion v in topic.Versions)
            {
                files.Add(new ClientFile($"schemas/{topic.Name}.v{v.Version.ToString(CultureInfo.InvariantCulture)}.schema.json", v.JsonSchema + "\n"));
            }
        }
        return files.OrderBy(f => f.Path, System.StringComparer.Ordinal).ToList();
    }

    private static string PythonInit(string assemblyName) =>
        ClientFileHeader.ForProject(ClientFileHeader.Python, assemblyName) + "\n" +
        "\"\"\"Typed payloads and the gateway client for this project's topics.\"\"\"\n" +
        "from .client import Delivery, GatewayClient, GatewayError, PublishRejected, Subscription, TopicInfo\n" +
        "from .protocol import Headers, is_valid_header_key, is_valid_topic_name\n" +
        "from .topics import *  # noqa: F401,F403\n" +
        "from .topics import __all__ as _topics_all\n" +
        "\n" +
        "__all__ = [\"Delivery\", \"GatewayClient\", \"GatewayError\", \"Headers\", \"PublishRejected\", \"Subscription\", \"TopicInfo\", \"is_valid_header_key\", \"is_valid_topic_name\", *_topics_all]\n";
}
