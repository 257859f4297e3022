using Callmap.AuditTool;
using Google.Cloud.Iam.Admin.V1;
using Spectre.Console;

// Application Default Credentials only: gcloud auth application-default login, or workload identity in CI.
var root = AuditCommands.Create(() => new IamAdminReader(IAMClient.Create()), Console.Out, Console.Error,
    Console.IsErrorRedirected ? null : AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) }));
var parsed = root.Parse(args);
if (parsed.Errors.Count == 0) return await parsed.InvokeAsync();
foreach (var error in parsed.Errors) Console.Error.WriteLine($"callmap-audit: {error.Message}");
return AuditCommands.BadInput;
