using System.Text;
using Callmap.Diagnostics;

namespace Callmap.Loading;

/// <summary>What is read, how much of it may be read at most, and what to tell the user when the file is unusable.</summary>
/// <param name="What">The noun in messages: "map", "policy", "roles file", "token file", "stack settings".</param>
/// <param name="MaxBytes">Reading stops after this many bytes; one more is an error.</param>
/// <param name="Fix">What to do when the path is wrong: where such files live.</param>
/// <param name="TooLargeFix">What to do when the file is over the limit (default: <paramref name="Fix"/>).</param>
public sealed record InputKind(string What, long MaxBytes, string Fix, string? TooLargeFix = null)
{
    public const long MiB = 1024 * 1024;

    /// <summary>Four times the size of the largest benchmark map (2,000 services, 20,000 edges: about 1 MiB).</summary>
    public static InputKind Map { get; } = new("map", 16 * MiB, "check the path; maps live under stacks/, e.g. stacks/dev.yaml",
        "split the environment into several stacks, or remove generated content from the map");

    /// <summary>The baseline is 2 KiB; a policy file names each rule at most once.</summary>
    public static InputKind Policy { get; } = new("policy", 1 * MiB, "check the path; policies live under policies/, e.g. policies/baseline.yaml");

    /// <summary>Every predefined role with its permissions is about 6 MiB today; room for ten times as many.</summary>
    public static InputKind Roles { get; } = new("roles file", 64 * MiB, "give the file `callmap-audit roles refresh --out roles.json` writes");

    /// <summary>A Google ID token is about 1 KiB; nothing real comes near this.</summary>
    public static InputKind Token { get; } = new("token file", 64 * 1024, "give a file that holds only the token, or the token itself");

    /// <summary>Pulumi.STACK.yaml holds a handful of config keys.</summary>
    public static InputKind StackSettings { get; } = new("stack settings", 1 * MiB, "check stacks/Pulumi.STACK.yaml");
}

/// <summary>The bytes of a file, or the one error that says why there are none. Never both.</summary>
public sealed record BoundedRead(byte[]? Bytes, Diagnostic? Error)
{
    public bool Succeeded => Bytes is not null;

    /// <summary>The text as File.ReadAllText decodes it: UTF-8 unless a byte order mark says otherwise.</summary>
    public string? Text => Bytes is null ? null : BoundedFile.Decode(Bytes);
}

/// <summary>
/// The one way callmap reads a file a user names. The limit counts bytes actually read, never the size the
/// file system reports: /dev/zero, a pipe fed by `yes` or /proc files report 0 or nothing useful. Opening and
/// reading run against a deadline, so a FIFO nobody writes to is an error instead of a hang. A directory, a
/// missing file and a refused permission each get their own message.
/// </summary>
public static class BoundedFile
{
    /// <summary>How long opening and reading one input may take. A local file takes milliseconds; a pipe without a writer takes forever.</summary>
    public static TimeSpan Deadline { get; internal set; } = TimeSpan.FromSeconds(10);

    public static BoundedRead Read(string path, string display, InputKind kind)
    {
        if (Directory.Exists(path))
            return Fail(DiagnosticCodes.Io, display, $"{display} is a directory, not a {kind.What}", kind.Fix);
        if (!File.Exists(path))
            return Fail(DiagnosticCodes.Io, display, $"there is no {kind.What} at {display}", kind.Fix);

        // Opening a FIFO blocks until a writer opens it, and a read blocks until it writes; neither can be
        // cancelled, so the read runs on its own thread and is abandoned (the process ends soon after) at the deadline.
        var reading = Task.Factory.StartNew(() => ReadUpTo(path, kind.MaxBytes), CancellationToken.None,
            TaskCreationOptions.LongRunning, TaskScheduler.Default);
        if (!reading.Wait(Deadline))
            return Fail(DiagnosticCodes.Io, display,
                $"nothing could be read from {display} within {Deadline.TotalSeconds:0} seconds (a pipe or FIFO that nobody writes to?)",
                $"give a regular file, or start the program that writes the {kind.What} first");
        try
        {
            var (bytes, more) = reading.GetAwaiter().GetResult();
            return more
                ? Fail(DiagnosticCodes.Limit, display,
                    $"the {kind.What} is larger than {kind.MaxBytes:N0} bytes, the most callmap reads; reading stopped there",
                    kind.TooLargeFix ?? kind.Fix)
                : new BoundedRead(bytes, null);
        }
        catch (UnauthorizedAccessException)
        {
            return Fail(DiagnosticCodes.Io, display, $"permission to read {display} is denied", $"make the {kind.What} readable by this user ({kind.Fix})");
        }
        catch (IOException e)
        {
            return Fail(DiagnosticCodes.Io, display, $"cannot read the {kind.What}: {e.Message}", kind.Fix);
        }
    }

    /// <summary>The first <paramref name="maxBytes"/> of a stream (all of it when shorter), and whether there was more.</summary>
    public static (byte[] Bytes, bool More) ReadUpTo(Stream stream, long maxBytes, long sizeHint = 0)
    {
        // The size a file reports only sizes the buffer (a 5 MB map is then read without growing and copying
        // it eight times); the limit still counts the bytes actually read.
        var buffer = new MemoryStream((int)Math.Clamp(sizeHint, 0, Math.Min(maxBytes, Array.MaxLength)));
        var chunk = new byte[81920];
        while (buffer.Length <= maxBytes)
        {
            var wanted = (int)Math.Min(chunk.Length, maxBytes + 1 - buffer.Length);
            var read = stream.Read(chunk, 0, wanted);
            if (read == 0) return (buffer.Length == buffer.Capacity ? buffer.GetBuffer() : buffer.ToArray(), false);
            buffer.Write(chunk, 0, read);
        }
        buffer.SetLength(maxBytes);
        return (buffer.ToArray(), true);
    }

    /// <summary>Decodes as File.ReadAllText does: a byte order mark picks UTF-16 or UTF-32, anything else is UTF-8.</summary>
    public static string Decode(byte[] bytes)
    {
        using var reader = new StreamReader(new MemoryStream(bytes), Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        return reader.ReadToEnd();
    }

    private static (byte[] Bytes, bool More) ReadUpTo(string path, long maxBytes)
    {
        // bufferSize 0: no FileStream buffer on top of ours; FileShare.ReadWrite: a file being written is still read.
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, bufferSize: 0);
        return ReadUpTo(stream, maxBytes, stream.CanSeek ? stream.Length : 0);
    }

    private static BoundedRead Fail(string code, string display, string message, string fix) =>
        new(null, new Diagnostic(code, new SourceLocation(display, 1, 1), message, fix));
}
