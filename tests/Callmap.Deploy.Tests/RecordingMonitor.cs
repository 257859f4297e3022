using System.Collections;
using System.Collections.Concurrent;
using System.Reflection;
using System.Runtime.ExceptionServices;
using Google.Protobuf;
using Google.Protobuf.Reflection;
using Google.Protobuf.WellKnownTypes;
using Pulumi;

namespace Callmap.Deploy.Tests;

/// <summary>
/// Sits between the Pulumi SDK and its mock monitor and records every <c>RegisterResourceRequest</c>: the
/// resource options as the engine receives them (dependencies, protect, deleteBeforeReplace, ...), which
/// <see cref="Pulumi.Testing.IMocks"/> never sees (its <c>MockResourceArgs</c> carry only type, name and inputs).
/// </summary>
/// <remarks>
/// Pulumi 3.112.1 keeps its monitor interface (<c>Pulumi.IMonitor</c>), its mock monitor and the gRPC request
/// types internal, and <c>Deployment.TestAsync</c> builds its own <c>MockMonitor</c>. So, from inside the
/// running test deployment, <see cref="AttachToCurrentDeployment"/> replaces the deployment's monitor with a
/// <see cref="DispatchProxy"/> of that interface which forwards every call to the original mock monitor
/// (ids, state and <c>IMocks</c> behave exactly as before) and reads each request through Google.Protobuf's
/// public reflection API. If a Pulumi upgrade renames what this relies on, it fails loudly here.
/// </remarks>
public class RecordingMonitor : DispatchProxy
{
    private const string SecretSignatureKey = "4dabf18193072939515e22adb298388d"; // Pulumi's wire marker of a secret value
    private const string SecretSignature = "1b47061264138c4ac30d75fd1eb44270";

    private object _inner = null!;
    private readonly ConcurrentQueue<(IMessage Request, Task Response)> _registrations = new();

    /// <summary>Puts a recording monitor in front of the current deployment's monitor; call it inside the program passed to TestAsync.</summary>
    public static RecordingMonitor AttachToCurrentDeployment()
    {
        const BindingFlags instance = BindingFlags.Instance | BindingFlags.NonPublic;
        var monitorInterface = typeof(Deployment).Assembly.GetType("Pulumi.IMonitor", throwOnError: true)!;
        var deployment = typeof(DeploymentInstance).GetProperty("Internal", instance)?.GetValue(Deployment.Instance)
            ?? throw new InvalidOperationException("Pulumi's DeploymentInstance.Internal is gone: update RecordingMonitor for this Pulumi version");
        var field = typeof(Deployment).GetFields(instance).SingleOrDefault(f => f.FieldType == monitorInterface)
            ?? throw new InvalidOperationException("Pulumi's Deployment has no single IMonitor field: update RecordingMonitor for this Pulumi version");

        var recorder = (RecordingMonitor)Create(monitorInterface, typeof(RecordingMonitor));
        recorder._inner = field.GetValue(deployment)!;
        field.SetValue(deployment, recorder);
        return recorder;
    }

    protected override object? Invoke(MethodInfo? method, object?[]? args)
    {
        object? result;
        try
        {
            result = method!.Invoke(_inner, args);
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            ExceptionDispatchInfo.Throw(e.InnerException);
            throw;
        }
        // RegisterResourceAsync(Resource resource, RegisterResourceRequest request): Task<RegisterResourceResponse>
        if (method.Name == "RegisterResourceAsync" && args?[1] is IMessage request && result is Task response)
            _registrations.Enqueue((request, response));
        return result;
    }

    /// <summary>Every registration so far, in the order the engine received them; read it after the deployment ran.</summary>
    public IReadOnlyList<EngineRegistration> Registrations
    {
        get
        {
            var registered = _registrations.ToList();
            var nameOfUrn = registered
                .Where(r => r.Response.IsCompletedSuccessfully)
                .Select(r => (Urn: Text(ResponseOf(r.Response), "urn"), Name: Text(r.Request, "name")))
                .ToDictionary(r => r.Urn, r => r.Name, StringComparer.Ordinal);
            // A URN the program did not register (there should be none) stays a URN, so a failed assertion shows it.
            string NameOf(string urn) => nameOfUrn.TryGetValue(urn, out var name) ? name : urn;

            return registered.Select(r => r.Request).Select(request => new EngineRegistration(
                Text(request, "type"),
                Text(request, "name"),
                Strings(request, "dependencies").Select(NameOf).ToHashSet(StringComparer.Ordinal),
                PropertyDependencies(request).ToDictionary(p => p.Key, p => (IReadOnlySet<string>)p.Value.Select(NameOf).ToHashSet(StringComparer.Ordinal)),
                Optional(request, "protect"),
                Bool(request, "deleteBeforeReplaceDefined") ? Bool(request, "deleteBeforeReplace") : null,
                Optional(request, "retainOnDelete"),
                Strings(request, "replaceOnChanges"),
                Strings(request, "ignoreChanges"),
                SecretInputs((Struct)Value(request, "object")!))).ToList();
        }
    }

    private static IMessage ResponseOf(Task response) =>
        (IMessage)response.GetType().GetProperty(nameof(Task<object>.Result))!.GetValue(response)!;

    private static FieldDescriptor Field(IMessage message, string name) =>
        message.Descriptor.FindFieldByName(name)
        ?? throw new InvalidOperationException($"Pulumi's {message.Descriptor.Name} has no field '{name}': update RecordingMonitor for this Pulumi version");

    private static object? Value(IMessage message, string name) => Field(message, name).Accessor.GetValue(message);

    private static string Text(IMessage message, string name) => (string)Value(message, name)!;

    private static bool Bool(IMessage message, string name) => (bool)Value(message, name)!;

    /// <summary>An option the SDK sends only when the program set it (a proto3 <c>optional</c> field).</summary>
    private static bool? Optional(IMessage message, string name)
    {
        var field = Field(message, name);
        if (!field.HasPresence) throw new InvalidOperationException($"Pulumi's {message.Descriptor.Name}.{name} no longer tells unset from false: update RecordingMonitor");
        return field.Accessor.HasValue(message) ? (bool)field.Accessor.GetValue(message) : null;
    }

    private static List<string> Strings(IMessage message, string name) => ((IEnumerable)Value(message, name)!).Cast<string>().ToList();

    private static IEnumerable<KeyValuePair<string, List<string>>> PropertyDependencies(IMessage request)
    {
        foreach (DictionaryEntry entry in (IDictionary)Value(request, "propertyDependencies")!)
            yield return new((string)entry.Key, Strings((IMessage)entry.Value!, "urns"));
    }

    private static HashSet<string> SecretInputs(Struct inputs) =>
        inputs.Fields.Where(f => ContainsSecret(f.Value)).Select(f => f.Key).ToHashSet(StringComparer.Ordinal);

    private static bool ContainsSecret(Google.Protobuf.WellKnownTypes.Value value) => value.KindCase switch
    {
        Google.Protobuf.WellKnownTypes.Value.KindOneofCase.StructValue =>
            value.StructValue.Fields.TryGetValue(SecretSignatureKey, out var signature) && signature.StringValue == SecretSignature
            || value.StructValue.Fields.Values.Any(ContainsSecret),
        Google.Protobuf.WellKnownTypes.Value.KindOneofCase.ListValue => value.ListValue.Values.Any(ContainsSecret),
        _ => false,
    };
}
