namespace Callmap.Diff;

/// <summary>
/// What `diff --base` accepts as a git ref. The value goes to `git show REF:PATH`; a value starting with
/// '-' would be read by git as an option (`--output=FILE` writes a file), so it is refused here, and the
/// command also ends git's options before it (`--end-of-options`).
/// </summary>
public static class BaseRef
{
    /// <summary>Why <paramref name="gitRef"/> is not usable as a ref, or null when it is.</summary>
    public static string? Problem(string gitRef) =>
        gitRef.Length == 0 ? "--base needs a git ref, e.g. origin/main"
        : gitRef.StartsWith('-') ? $"--base '{Printable(gitRef)}' starts with '-', which git would read as an option, not a ref"
        : gitRef.Any(c => char.IsControl(c) || char.IsWhiteSpace(c)) ? $"--base '{Printable(gitRef)}' holds spaces or control characters, which no git ref has"
        : null;

    public const string Fix = "give a branch, tag or commit, e.g. --base origin/main";

    private static string Printable(string value) =>
        new(value.Take(200).Select(c => char.IsControl(c) ? '?' : c).ToArray());
}
