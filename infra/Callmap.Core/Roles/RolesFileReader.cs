using System.Text;
using System.Text.Json;
using Callmap.Diagnostics;

namespace Callmap.Roles;

/// <summary>
/// Reads a roles file (`check --roles`, `callmap:roles`) token by token, so every mistake is reported at
/// its file:line:column in the file's own words (never a .NET type name), and checks that it is
/// believable: every well-known role holds its well-known permissions, and some role holds each
/// permission callmap grants. A file that fails either is refused, never trusted.
/// </summary>
public static class RolesFileReader
{
    /// <summary>Larger than any export of Google's predefined roles (about 6 MB for 2,461 roles).</summary>
    public const int MaxBytes = 64 * 1024 * 1024;

    /// <summary>At most this many problems are listed; a file with more is wrong throughout.</summary>
    public const int MaxErrors = 20;

    /// <summary>
    /// Permissions Google's predefined roles are documented to hold (../shared/docs/gcp-facts.md,
    /// ../shared/gcp/iam-roles.json). A file that says otherwise is not an export of Google's roles.
    /// </summary>
    public static IReadOnlyDictionary<string, string[]> WellKnown { get; } = new Dictionary<string, string[]>(StringComparer.Ordinal)
    {
        ["roles/run.servicesInvoker"] = [GrantRoles.RunInvokePermission],
        ["roles/run.invoker"] = [GrantRoles.RunInvokePermission],
        ["roles/cloudfunctions.invoker"] = [GrantRoles.FunctionInvokePermission],
        ["roles/secretmanager.secretAccessor"] = [GrantRoles.SecretAccessPermission],
        ["roles/iap.httpsResourceAccessor"] = ["iap.webServiceVersions.accessViaIAP"],
        ["roles/owner"] = [GrantRoles.RunInvokePermission, GrantRoles.FunctionInvokePermission, GrantRoles.SecretAccessPermission],
        ["roles/editor"] = [GrantRoles.RunInvokePermission, GrantRoles.FunctionInvokePermission],
    };

    private const string Shape = "a roles file is one JSON object keyed by role name, each { \"title\": ..., \"stage\": \"GA\", \"permissions\": [...] }, as `callmap-audit roles refresh` writes it";

    public static (RoleCatalog? Catalog, IReadOnlyList<Diagnostic> Errors) Read(string path, string display)
    {
        // One reader for every file a user names: bounded by bytes read, with a deadline (a FIFO never hangs).
        var read = Loading.BoundedFile.Read(path, display, Loading.InputKind.Roles);
        if (!read.Succeeded) return (null, [read.Error!]);
        var bytes = read.Bytes!;
        return Parse(bytes, display);
    }

    public static (RoleCatalog? Catalog, IReadOnlyList<Diagnostic> Errors) Parse(byte[] json, string display)
    {
        var errors = new List<Diagnostic>();
        var lines = new LineIndex(json);
        var roles = new Dictionary<string, RoleFacts>(StringComparer.Ordinal);
        var keys = new Dictionary<string, SourceLocation>(StringComparer.Ordinal);
        void Error(long offset, string message, string fix)
        {
            if (errors.Count < MaxErrors) errors.Add(new Diagnostic(DiagnosticCodes.InvalidValue, lines.At(display, offset), message, fix));
        }
        try
        {
            var reader = new Utf8JsonReader(json, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, MaxDepth = 8 });
            if (!reader.Read()) return (null, [new Diagnostic(DiagnosticCodes.InvalidValue, new SourceLocation(display, 1, 1), "the roles file is empty", Shape)]);
            if (reader.TokenType != JsonTokenType.StartObject)
                return (null, [new Diagnostic(DiagnosticCodes.InvalidValue, lines.At(display, reader.TokenStartIndex), $"the roles file holds {Word(reader.TokenType)}, not an object keyed by role name", Shape)]);
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var name = reader.GetString()!;
                var at = reader.TokenStartIndex;
                keys[name] = lines.At(display, at);
                reader.Read();
                if (reader.TokenType != JsonTokenType.StartObject)
                {
                    Error(reader.TokenStartIndex, $"role '{Short(name)}' is {Word(reader.TokenType)}, not an object", Shape);
                    reader.Skip();
                    continue;
                }
                string? title = null, stage = null;
                List<string>? permissions = null;
                var reported = errors.Count;
                var start = reader.TokenStartIndex;
                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    var field = reader.GetString();
                    reader.Read();
                    switch (field)
                    {
                        case "title" or "stage" when reader.TokenType == JsonTokenType.String:
                            if (field == "title") title = reader.GetString(); else stage = reader.GetString();
                            break;
                        case "permissions" when reader.TokenType == JsonTokenType.StartArray:
                            permissions = [];
                            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                            {
                                if (reader.TokenType == JsonTokenType.String) permissions.Add(reader.GetString()!);
                                else { Error(reader.TokenStartIndex, $"a permission of '{Short(name)}' is {Word(reader.TokenType)}, not a text", "write permissions as [\"run.routes.invoke\", ...]"); reader.Skip(); }
                            }
                            break;
                        case "title" or "stage" or "permissions":
                            Error(reader.TokenStartIndex, $"'{field}' of role '{Short(name)}' is {Word(reader.TokenType)}", Shape);
                            reader.Skip();
                            break;
                        default:
                            reader.Skip();   // newer exports may carry more fields; they do not change what a role holds
                            break;
                    }
                }
                if (permissions is null && errors.Count == reported) Error(start, $"role '{Short(name)}' has no permissions list", Shape);
                else if (permissions is not null) roles[name] = new RoleFacts(title ?? "", stage ?? "", permissions);
            }
            if (roles.Count == 0 && errors.Count == 0)
                return (null, [new Diagnostic(DiagnosticCodes.InvalidValue, new SourceLocation(display, 1, 1), "the roles file holds no roles", Shape)]);
        }
        catch (JsonException e)
        {
            // The reader's words, without its position (given as the location) and its advice about reader options.
            var message = e.Message.Split(" LineNumber:")[0].Split(" Path:")[0].Split(" Change the reader options.")[0];
            return (null, [new Diagnostic(DiagnosticCodes.Syntax, new SourceLocation(display, (int)(e.LineNumber ?? 0) + 1, (int)(e.BytePositionInLine ?? 0) + 1),
                $"the roles file is not valid JSON: {message}", Shape)]);
        }
        if (errors.Count > 0) return (null, errors);

        foreach (var (role, needed) in WellKnown)
            if (roles.TryGetValue(role, out var facts))
                foreach (var permission in needed.Where(p => !facts.Permissions.Contains(p)))
                    errors.Add(new Diagnostic(DiagnosticCodes.InvalidValue, keys[role], $"{role} does not hold {permission}, which Google's {role} holds",
                        "this is not an export of Google's predefined roles: refresh it with `callmap-audit roles refresh --out roles.json`"));
        var catalog = new RoleCatalog(roles);
        foreach (var permission in new[] { GrantRoles.RunInvokePermission, GrantRoles.FunctionInvokePermission, GrantRoles.SecretAccessPermission })
            if (catalog.SmallestRoleWithOrNull(permission) is null)
                errors.Add(new Diagnostic(DiagnosticCodes.InvalidValue, new SourceLocation(display, 1, 1), $"no generally available role of the file holds {permission}, which callmap grants",
                    "give a complete export of Google's predefined roles (`callmap-audit roles refresh --out roles.json`)"));
        return errors.Count > 0 ? (null, errors.Take(MaxErrors).ToList()) : (catalog, []);
    }

    private static string Word(JsonTokenType token) => token switch
    {
        JsonTokenType.Null => "null",
        JsonTokenType.StartArray => "a list",
        JsonTokenType.StartObject => "an object",
        JsonTokenType.String => "a text",
        JsonTokenType.Number => "a number",
        JsonTokenType.True or JsonTokenType.False => "true or false",
        _ => "not a value",
    };

    private static string Short(string value) => value.Length <= 80 ? value : value[..80] + "…";

    /// <summary>Byte offset → line and column (columns count characters, as editors do).</summary>
    private sealed class LineIndex(byte[] bytes)
    {
        private readonly List<int> _starts = Starts(bytes);

        public SourceLocation At(string file, long offset)
        {
            var line = _starts.BinarySearch((int)offset);
            if (line < 0) line = ~line - 1;
            var column = Encoding.UTF8.GetCharCount(bytes, _starts[line], (int)offset - _starts[line]) + 1;
            return new SourceLocation(file, line + 1, column);
        }

        private static List<int> Starts(byte[] bytes)
        {
            var starts = new List<int> { 0 };
            for (var i = 0; i < bytes.Length; i++) if (bytes[i] == (byte)'\n') starts.Add(i + 1);
            return starts;
        }
    }
}
