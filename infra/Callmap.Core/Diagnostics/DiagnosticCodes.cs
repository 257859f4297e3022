namespace Callmap.Diagnostics;

/// <summary>The stable codes of every error a map can produce. Each is documented in the README.</summary>
public static class DiagnosticCodes
{
    public const string Io = "io";
    public const string Limit = "limit";
    public const string Syntax = "syntax";
    public const string DuplicateKey = "duplicate-key";
    public const string UnknownKey = "unknown-key";
    public const string MissingKey = "missing-key";
    public const string WrongType = "wrong-type";
    public const string InvalidValue = "invalid-value";
    public const string InvalidName = "invalid-name";
    public const string UnknownService = "unknown-service";
    public const string UnknownCaller = "unknown-caller";
    public const string PublicMember = "public-member";
    public const string DuplicateGrant = "duplicate-grant";
    public const string SelfCall = "self-call";
    public const string AccountIdCollision = "account-id-collision";
    public const string EnvConflict = "env-conflict";
    public const string LiteralSecret = "literal-secret";
    public const string UnreachableIngress = "unreachable-ingress";
    public const string UnsupportedTarget = "unsupported-target";
    public const string ArmorRule = "armor-rule";
    public const string PublicExposure = "public-exposure";
    public const string HostConflict = "host-conflict";
    public const string StackConfig = "stack-config";
}
