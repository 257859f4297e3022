namespace Callmap.Policies;

/// <summary>What a failing rule does: stops CI and `pulumi up`, is reported as a warning, or is not evaluated.</summary>
public enum PolicyLevel { Mandatory, Advisory, Disabled }
