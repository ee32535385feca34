using System.Text.Json.Serialization;

namespace Sesame.Linux.Control;

/// <summary>Source-generated JSON for the <c>status</c> reply (no reflection: the native AOT build has none to spare).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(ControlStatus))]
internal sealed partial class ControlJsonContext : JsonSerializerContext;
