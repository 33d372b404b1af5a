using System.Collections.Generic;
using System.Text.Json.Serialization;

namespace Prom.Bus.Sqlite;

/// <summary>Source-generated (reflection-free) JSON for the text columns.</summary>
[JsonSerializable(typeof(Dictionary<string, string>))]
[JsonSerializable(typeof(IReadOnlyList<string>))]
[JsonSerializable(typeof(string[]))]
internal sealed partial class SqliteJsonContext : JsonSerializerContext
{
}
