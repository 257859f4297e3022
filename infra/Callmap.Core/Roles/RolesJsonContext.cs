using System.Text.Json.Serialization;

namespace Callmap.Roles;

/// <summary>
/// The roles file's JSON contract (role name → <see cref="RoleFacts"/>), generated at compile time: the shipped
/// facts are read, and `roles refresh` writes its file, without reflection.
/// </summary>
[JsonSerializable(typeof(Dictionary<string, RoleFacts>))]
[JsonSerializable(typeof(SortedDictionary<string, RoleFacts>))]
internal sealed partial class RolesJsonContext : JsonSerializerContext;
