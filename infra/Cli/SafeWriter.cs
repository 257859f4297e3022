using System.Text;
using Callmap.Reports;

namespace Callmap.Cli;

/// <summary>
/// Every text a command writes passes <see cref="SafeText.Terminal"/>: map strings and token claims
/// cannot send escape sequences to the reader's terminal or CI log.
/// </summary>
public sealed class SafeWriter(TextWriter inner) : TextWriter
{
    public override Encoding Encoding => inner.Encoding;

    public override void Write(char value) => inner.Write(SafeText.Terminal(value.ToString()));

    public override void Write(string? value) => inner.Write(value is null ? null : SafeText.Terminal(value));

    public override void WriteLine(string? value) => inner.WriteLine(value is null ? null : SafeText.Terminal(value));

    public override void Flush() => inner.Flush();
}
