namespace Callmap.AuditTool;

/// <summary>An IAM Admin API call that failed, with the gRPC status name and detail the core turns into advice.</summary>
internal sealed class IamCallFailed(string call, string status, string detail, Exception inner) : Exception($"{call}: {status}: {detail}", inner)
{
    public string Call { get; } = call;
    public string Status { get; } = status;
    public string Detail { get; } = detail;
}
