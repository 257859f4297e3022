using System.CommandLine;
using Callmap.AuditTool;
using Callmap.Reports;
using Google.Cloud.Iam.Admin.V1;
using Spectre.Console;

// Application Default Credentials only: gcloud auth application-default login, or workload identity in CI.
var root = AuditCommands.Create(() => new IamAdminReader(IAMClient.Create()), Console.Out, Console.Error,
    Console.IsErrorRedirected ? null : AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) }));
var parsed = root.Parse(args);
if (parsed.Errors.Count == 0)
{
    try
    {
        // System.CommandLine's own handler prints the stack trace and exits 1, the code of a mandatory finding.
        return await parsed.InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
    }
    catch (OperationCanceledException)
    {
        return 130; // interrupted (Ctrl+C), as System.CommandLine reports it
    }
    catch (Exception e)
    {
        return CrashReport.Write("callmap-audit", e, Console.Error);
    }
}
foreach (var error in parsed.Errors) Console.Error.WriteLine($"callmap-audit: {error.Message}");
return AuditCommands.BadInput;
