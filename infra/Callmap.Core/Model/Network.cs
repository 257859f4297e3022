using Callmap.Diagnostics;

namespace Callmap.Model;

/// <summary>
/// The <c>network:</c> section: the VPC subnet that calling Cloud Run services send all their traffic
/// through (Direct VPC egress), so that their calls count as internal and the services they call can
/// refuse the internet path. The subnet needs Private Google Access (to reach run.app internally) and
/// Cloud NAT (for the callers' own internet traffic); callmap does not create either.
/// </summary>
public sealed record Network(SourceLocation At, string Vpc, string Subnet);
