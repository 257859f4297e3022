using System.Text;

namespace Callmap.Benchmarks;

/// <summary>
/// A `pulumi stack export` of a large, well-built stack: per service a runtime account, a Cloud Run v2
/// service and one invoker member from the previous service's account; every tenth service public behind a
/// serverless NEG and a backend with the one Cloud Armor policy. Written as text, like Pulumi's output.
/// </summary>
public static class SyntheticStack
{
    public static byte[] Generate(int services)
    {
        const string prefix = "urn:pulumi:bench::big::";
        var text = new StringBuilder("{\n  \"version\": 3,\n  \"deployment\": {\n    \"resources\": [\n");
        void Add(string type, string name, string outputs, string dependencies = "{}") =>
            text.Append($"      {{ \"urn\": \"{prefix}{type}::{name}\", \"custom\": true, \"type\": \"{type}\", \"outputs\": {outputs}, \"propertyDependencies\": {dependencies} }},\n");
        Add("gcp:compute/securityPolicy:SecurityPolicy", "edge",
            "{ \"name\": \"edge\", \"rules\": [ { \"action\": \"throttle\", \"priority\": 5000 }, { \"action\": \"allow\", \"priority\": 2147483647 } ] }");
        for (var i = 0; i < services; i++)
        {
            var email = $"svc-{i}-sa@big-prod.iam.gserviceaccount.com";
            Add("gcp:serviceaccount/account:Account", $"svc-{i}-sa", $"{{ \"accountId\": \"svc-{i}-sa\", \"email\": \"{email}\" }}");
            var isPublic = i % 10 == 0;
            Add("gcp:cloudrunv2/service:Service", $"svc-{i}",
                $"{{ \"name\": \"svc-{i}\", \"location\": \"europe-west1\", \"ingress\": \"{(isPublic ? "INGRESS_TRAFFIC_INTERNAL_LOAD_BALANCER" : "INGRESS_TRAFFIC_INTERNAL_ONLY")}\", "
                + $"\"invokerIamDisabled\": {(isPublic ? "true" : "false")}, \"template\": {{ \"serviceAccount\": \"{email}\" }} }}");
            if (i > 0)
                Add("gcp:cloudrunv2/serviceIamMember:ServiceIamMember", $"svc-{i - 1}-calls-svc-{i}",
                    $"{{ \"name\": \"projects/big-prod/locations/europe-west1/services/svc-{i}\", \"role\": \"roles/run.servicesInvoker\", \"member\": \"serviceAccount:svc-{i - 1}-sa@big-prod.iam.gserviceaccount.com\" }}");
            if (isPublic)
            {
                Add("gcp:compute/regionNetworkEndpointGroup:RegionNetworkEndpointGroup", $"svc-{i}-neg", $"{{ \"name\": \"svc-{i}-neg\", \"cloudRun\": {{ \"service\": \"svc-{i}\" }} }}");
                Add("gcp:compute/backendService:BackendService", $"svc-{i}-backend",
                    $"{{ \"name\": \"svc-{i}-backend\", \"loadBalancingScheme\": \"EXTERNAL_MANAGED\", \"securityPolicy\": \"projects/big-prod/global/securityPolicies/edge\", "
                    + $"\"backends\": [ {{ \"group\": \"projects/big-prod/regions/europe-west1/networkEndpointGroups/svc-{i}-neg\" }} ] }}");
            }
        }
        text.Length -= 2;   // the last ",\n"
        text.Append("\n    ]\n  }\n}\n");
        return Encoding.UTF8.GetBytes(text.ToString());
    }
}
