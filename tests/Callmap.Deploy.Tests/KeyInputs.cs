using Callmap.Planning;

namespace Callmap.Deploy.Tests;

/// <summary>
/// For each plan item, the inputs that carry its decisions, by wire name: Google's physical names, roles
/// and members, ingress and the invoker check, identities, audiences, and references to other items
/// (which the mocks resolve to "NAME-id"). Whatever kind the planner emits must appear here.
/// </summary>
public static class KeyInputs
{
    public static IEnumerable<(string Path, object? Expected)> Of(PlanItem item) => item switch
    {
        ApiServiceItem i => [("service", i.Service), ("disableOnDestroy", false)],
        ServiceIdentityItem i => [("service", i.Service)],
        ServiceAccountItem i => [("accountId", i.AccountId), ("displayName", i.DisplayName), ("description", i.Description)],
        ConfigSecretItem i => [("secretId", i.SecretId)],
        ConfigSecretVersionItem i => [("secret", Id(i.Secret))],
        SecretAccessorGrantItem i => [("secretId", i.SecretId), ("role", i.Role), ("member", i.Member)],
        RunServiceItem i =>
        [
            ("name", i.Workload), ("location", i.Location), ("ingress", i.Ingress), ("invokerIamDisabled", i.InvokerIamDisabled),
            ("deletionProtection", i.DeletionProtection), ("customAudiences", i.CustomAudiences.ToList()),
            ("template.serviceAccount", i.ServiceAccountEmail), ("template.containers[0].image", i.Image),
            ("template.vpcAccess.egress", i.VpcEgress?.Egress), ("template.containers[0].resources.cpuIdle", i.CpuIdle),
            ("template.vpcAccess.networkInterfaces[0].network", i.VpcEgress?.Network),
            ("template.vpcAccess.networkInterfaces[0].subnetwork", i.VpcEgress?.Subnetwork),
            .. i.Env.Select((e, n) => ($"template.containers[0].envs[{n}].name", (object?)e.Name)),
            .. i.Env.Select((e, n) => ($"template.containers[0].envs[{n}].valueSource.secretKeyRef.secret", (object?)e.Secret)),
            // A created version is mounted at the number Google gives it (the mocks answer "1").
            .. i.Env.Select((e, n) => ($"template.containers[0].envs[{n}].valueSource.secretKeyRef.version",
                (object?)(e.VersionFrom is null ? e.Version : RecordingMocks.SecretVersion))),
        ],
        FunctionGen2Item i =>
        [
            ("name", i.Workload), ("location", i.Location), ("serviceConfig.ingressSettings", i.Ingress),
            ("serviceConfig.serviceAccountEmail", i.ServiceAccountEmail), ("buildConfig.runtime", i.Runtime),
            ("buildConfig.entryPoint", i.EntryPoint), ("buildConfig.source.storageSource.bucket", i.SourceBucket),
            ("deletionPolicy", i.DeletionPolicy),
            ("buildConfig.serviceAccount", i.BuildServiceAccount),
        ],
        FunctionGen1Item i =>
        [
            ("name", i.Workload), ("region", i.Location), ("ingressSettings", i.Ingress), ("serviceAccountEmail", i.ServiceAccountEmail),
            ("httpsTriggerSecurityLevel", i.HttpsTriggerSecurityLevel), ("triggerHttp", true), ("runtime", i.Runtime),
            ("deletionPolicy", i.DeletionPolicy),
            ("buildServiceAccount", i.BuildServiceAccount),
        ],
        RunInvokerGrantItem i => [("name", i.Service), ("location", i.Location), ("role", i.Role), ("member", i.Member)],
        FunctionInvokerGrantItem i => [("cloudFunction", i.CloudFunction), ("region", i.Region), ("role", i.Role), ("member", i.Member)],
        IapAccessGrantItem i => [("webBackendService", i.WebBackendService), ("role", i.Role), ("member", i.Member)],
        SchedulerJobItem i =>
        [
            ("name", i.JobName), ("region", i.Region), ("schedule", i.Schedule), ("httpTarget.uri", i.Uri),
            ("httpTarget.oidcToken.serviceAccountEmail", i.Oidc.ServiceAccountEmail), ("httpTarget.oidcToken.audience", i.Oidc.Audience),
        ],
        PushSubscriptionItem i =>
        [
            ("name", i.SubscriptionName), ("topic", i.Topic), ("pushConfig.pushEndpoint", i.PushEndpoint), ("expirationPolicy.ttl", i.ExpirationTtl),
            ("pushConfig.oidcToken.serviceAccountEmail", i.Oidc.ServiceAccountEmail), ("pushConfig.oidcToken.audience", i.Oidc.Audience),
        ],
        EventarcTriggerItem i =>
        [
            ("name", i.TriggerName), ("location", i.Location), ("serviceAccount", i.Oidc.ServiceAccountEmail),
            ("destination.cloudRunService.service", i.DestinationService), ("destination.cloudRunService.path", i.DestinationPath),
            .. i.MatchingCriteria.Select((c, n) => ($"matchingCriterias[{n}].value", (object?)c.Value)),
        ],
        TasksQueueItem i =>
        [
            ("name", i.QueueName), ("location", i.Location), ("httpTarget.uriOverride.scheme", i.Scheme), ("httpTarget.uriOverride.host", i.Host),
            ("httpTarget.uriOverride.pathOverride.path", i.Path),
            ("httpTarget.oidcToken.serviceAccountEmail", i.Oidc.ServiceAccountEmail), ("httpTarget.oidcToken.audience", i.Oidc.Audience),
        ],
        TasksEnqueuerGrantItem i => [("name", i.Queue), ("location", i.Location), ("role", i.Role), ("member", i.Member)],
        SecurityPolicyItem i =>
        [
            ("name", i.PolicyName), ("adaptiveProtectionConfig.layer7DdosDefenseConfig.enable", i.AdaptiveProtection),
            .. i.Rules.SelectMany((r, n) => new (string, object?)[]
            {
                ($"rules[{n}].priority", r.Priority), ($"rules[{n}].action", r.Action),
                ($"rules[{n}].match.config.srcIpRanges", r.SrcIpRanges?.ToList()), ($"rules[{n}].match.expr.expression", r.Expression),
                ($"rules[{n}].rateLimitOptions.rateLimitThreshold.count", r.RateLimit?.Count),
            }),
        ],
        GlobalAddressItem i => [("name", i.AddressName), ("ipVersion", i.IpVersion)],
        ServerlessNegItem i =>
        [
            ("name", i.NegName), ("region", i.Region), ("networkEndpointType", i.NetworkEndpointType),
            ("cloudRun.service", i.CloudRunService), ("cloudFunction.function", i.CloudFunction),
        ],
        BackendServiceItem i =>
        [
            ("name", i.BackendName), ("loadBalancingScheme", i.LoadBalancingScheme), ("protocol", i.Protocol),
            ("backends[0].group", Id(i.Neg)), ("securityPolicy", Id(i.SecurityPolicy)), ("iap.enabled", i.IapEnabled),
        ],
        IapSettingsItem i =>
        [
            ("name", i.ResourceName), ("accessSettings.gcipSettings.loginPageUri", i.LoginPageUri),
            ("accessSettings.gcipSettings.tenantIds", i.TenantIds.ToList()),
        ],
        ManagedCertificateItem i => [("name", i.CertificateName), ("managed.domains", i.Domains.ToList())],
        SslPolicyItem i => [("name", i.PolicyName), ("minTlsVersion", i.MinTlsVersion), ("profile", i.Profile)],
        UrlMapItem i =>
        [
            ("name", i.MapName), ("defaultUrlRedirect.httpsRedirect", i.HttpsRedirect), ("defaultUrlRedirect.hostRedirect", i.DefaultRedirectHost),
            ("defaultUrlRedirect.redirectResponseCode", i.RedirectResponseCode),
            .. i.HostRules.Select((h, n) => ($"hostRules[{n}].pathMatcher", (object?)h.PathMatcher)),
            .. i.PathMatchers.Select((m, n) => ($"pathMatchers[{n}].defaultService", (object?)Id(m.DefaultBackend))),
        ],
        TargetHttpsProxyItem i =>
        [
            ("name", i.ProxyName), ("urlMap", Id(i.UrlMap)), ("sslPolicy", Id(i.SslPolicy)), ("certificateMap", i.CertificateMap),
            ("sslCertificates", i.SslCertificates.Select(Id).ToList()),
        ],
        TargetHttpProxyItem i => [("name", i.ProxyName), ("urlMap", Id(i.UrlMap))],
        ForwardingRuleItem i =>
        [
            ("name", i.RuleName), ("target", Id(i.Target)), ("ipAddress", RecordingMocks.LoadBalancerIp), ("portRange", i.PortRange),
            ("loadBalancingScheme", i.LoadBalancingScheme), ("ipProtocol", i.IpProtocol),
        ],
        IdentityPlatformConfigItem i =>
        [
            ("authorizedDomains", i.AuthorizedDomains.ToList()), ("mfa.state", i.MfaState), ("signIn.email.enabled", i.EmailEnabled),
            ("multiTenant.allowTenants", i.AllowTenants ? true : null),
            ("quota.signUpQuotaConfig.quota", i.SignUpQuota), ("quota.signUpQuotaConfig.startTime", i.SignUpQuotaStart),
            ("quota.signUpQuotaConfig.quotaDuration", i.SignUpQuotaDuration),
            .. i.BlockingTriggers.Select((t, n) => ($"blockingFunctions.triggers[{n}].functionUri", (object?)t.FunctionUri)),
        ],
        IdentityProviderConfigItem i => [("idpId", i.IdpId), ("clientId", i.ClientId), ("enabled", i.Enabled)],
        // The Storage agent's member is what Storage's getProjectServiceAccount answers (the mocks answer its documented form).
        ProjectIamMemberItem i => [("project", i.Project), ("role", i.Role), ("member", i.Member)],
        BucketIamMemberItem i => [("bucket", i.Bucket), ("role", i.Role), ("member", i.Member)],
        SubnetIamMemberItem i =>
        [
            ("project", i.Project), ("region", i.Region), ("subnetwork", i.Subnetwork), ("role", i.Role), ("member", i.Member),
        ],
        _ => throw new InvalidOperationException($"no key inputs for {item.Kind}: add them here"),
    };

    /// <summary>The id the mocks give the resource of a plan item.</summary>
    public static string Id(string itemName) => $"{itemName}-id";
}
