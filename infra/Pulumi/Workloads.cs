using Callmap.Planning;
using Pulumi;
using Gcp = Pulumi.Gcp;
using Run = Pulumi.Gcp.CloudRunV2.Inputs;
using Gen1 = Pulumi.Gcp.CloudFunctions.Inputs;
using Gen2 = Pulumi.Gcp.CloudFunctionsV2.Inputs;

namespace Callmap.Deploy;

/// <summary>Cloud Run services and functions of both generations, with the names, identities, ingress and environment the plan decided.</summary>
internal static class Workloads
{
    public static CustomResource Run(RunServiceItem item, Declared d) =>
        new Gcp.CloudRunV2.Service(item.Name, new Gcp.CloudRunV2.ServiceArgs
        {
            Name = item.Workload,
            Location = item.Location,
            Ingress = item.Ingress,
            InvokerIamDisabled = item.InvokerIamDisabled,
            CustomAudiences = item.CustomAudiences.ToList(),
            DeletionProtection = item.DeletionProtection,
            Template = new Run.ServiceTemplateArgs
            {
                ServiceAccount = item.ServiceAccountEmail,
                Scaling = new Run.ServiceTemplateScalingArgs
                {
                    MinInstanceCount = Inputs.Optional(item.MinInstances),
                    MaxInstanceCount = Inputs.Optional(item.MaxInstances),
                },
                VpcAccess = Inputs.Optional(item.VpcEgress is { } vpc
                    ? new Run.ServiceTemplateVpcAccessArgs
                    {
                        Egress = vpc.Egress,
                        NetworkInterfaces = { new Run.ServiceTemplateVpcAccessNetworkInterfaceArgs { Network = vpc.Network, Subnetwork = vpc.Subnetwork } },
                    }
                    : null),
                Containers =
                {
                    new Run.ServiceTemplateContainerArgs
                    {
                        Image = item.Image,
                        Resources = new Run.ServiceTemplateContainerResourcesArgs
                        {
                            Limits = Inputs.Limits(("cpu", item.Cpu), ("memory", item.Memory)),
                            CpuIdle = item.CpuIdle,
                        },
                        Envs = item.Env.Select(e => new Run.ServiceTemplateContainerEnvArgs
                        {
                            Name = e.Name,
                            Value = Inputs.Optional(Inputs.IsSecretReference(e) ? null : e.Value),
                            ValueSource = Inputs.Optional(Inputs.IsSecretReference(e)
                                ? new Run.ServiceTemplateContainerEnvValueSourceArgs
                                {
                                    SecretKeyRef = new Run.ServiceTemplateContainerEnvValueSourceSecretKeyRefArgs { Secret = e.Secret!, Version = Inputs.SecretVersion(e, d) },
                                }
                                : null),
                        }).ToList(),
                    },
                },
            },
        }, d.Options(item));

    public static CustomResource Gen2(FunctionGen2Item item, Declared d) =>
        new Gcp.CloudFunctionsV2.Function(item.Name, new Gcp.CloudFunctionsV2.FunctionArgs
        {
            Name = item.Workload,
            Location = item.Location,
            BuildConfig = new Gen2.FunctionBuildConfigArgs
            {
                Runtime = item.Runtime,
                EntryPoint = item.EntryPoint,
                // projects/{project}/serviceAccounts/{email}: the build account, never the default compute account.
                ServiceAccount = Inputs.Optional(item.BuildServiceAccount),
                Source = new Gen2.FunctionBuildConfigSourceArgs
                {
                    StorageSource = new Gen2.FunctionBuildConfigSourceStorageSourceArgs { Bucket = item.SourceBucket, Object = item.SourceObject },
                },
            },
            ServiceConfig = new Gen2.FunctionServiceConfigArgs
            {
                ServiceAccountEmail = item.ServiceAccountEmail,
                IngressSettings = item.Ingress,
                MinInstanceCount = Inputs.Optional(item.MinInstances),
                MaxInstanceCount = Inputs.Optional(item.MaxInstances),
                AvailableMemory = Inputs.Optional(item.AvailableMemory),
                EnvironmentVariables = Inputs.PlainEnv(item),
                SecretEnvironmentVariables = item.Env.Where(Inputs.IsSecretReference)
                    .Select(e => new Gen2.FunctionServiceConfigSecretEnvironmentVariableArgs
                    {
                        Key = e.Name, ProjectId = e.SecretProject!, Secret = e.Secret!, Version = Inputs.SecretVersion(e, d),
                    }).ToList(),
            },
            DeletionPolicy = item.DeletionPolicy,
        }, d.Options(item));

    public static CustomResource Gen1(FunctionGen1Item item, Declared d) =>
        new Gcp.CloudFunctions.Function(item.Name, new Gcp.CloudFunctions.FunctionArgs
        {
            Name = item.Workload,
            Region = item.Location,
            Runtime = item.Runtime,
            EntryPoint = item.EntryPoint,
            SourceArchiveBucket = item.SourceBucket,
            SourceArchiveObject = item.SourceObject,
            BuildServiceAccount = Inputs.Optional(item.BuildServiceAccount),
            // FunctionGen1Item: HTTPS-triggered, with the security level the plan names.
            TriggerHttp = true,
            HttpsTriggerSecurityLevel = item.HttpsTriggerSecurityLevel,
            IngressSettings = item.Ingress,
            ServiceAccountEmail = item.ServiceAccountEmail,
            AvailableMemoryMb = Inputs.Optional(item.AvailableMemoryMb),
            MinInstances = Inputs.Optional(item.MinInstances),
            MaxInstances = Inputs.Optional(item.MaxInstances),
            EnvironmentVariables = Inputs.PlainEnv(item),
            SecretEnvironmentVariables = item.Env.Where(Inputs.IsSecretReference)
                .Select(e => new Gen1.FunctionSecretEnvironmentVariableArgs
                {
                    Key = e.Name, ProjectId = e.SecretProject!, Secret = e.Secret!, Version = Inputs.SecretVersion(e, d),
                }).ToList(),
            DeletionPolicy = item.DeletionPolicy,
        }, d.Options(item));
}
