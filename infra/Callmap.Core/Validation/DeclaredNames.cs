namespace Callmap.Validation;

/// <summary>
/// The names a map declares, including those whose body had errors: a reference to one of them is not
/// reported again as unknown, so each mistake yields one error.
/// </summary>
public sealed record DeclaredNames(IReadOnlySet<string> Services, IReadOnlySet<string> ArmorPolicies);
