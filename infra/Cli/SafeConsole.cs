using Callmap.Reports;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Callmap.Cli;

/// <summary>
/// The interactive console, with every text segment passed through <see cref="SafeText.Terminal"/>: map
/// strings cannot send escape sequences, while Spectre's own styling (its control-code segments) still works.
/// </summary>
public sealed class SafeConsole(IAnsiConsole inner) : IAnsiConsole
{
    public Profile Profile => inner.Profile;

    public IAnsiConsoleCursor Cursor => inner.Cursor;

    public IAnsiConsoleInput Input => inner.Input;

    public IExclusivityMode ExclusivityMode => inner.ExclusivityMode;

    public RenderPipeline Pipeline => inner.Pipeline;

    public void Clear(bool home) => inner.Clear(home);

    public void Write(IRenderable renderable) => inner.Write(new SafeRenderable(renderable));

    private sealed class SafeRenderable(IRenderable renderable) : IRenderable
    {
        public Measurement Measure(RenderOptions options, int maxWidth) => renderable.Measure(options, maxWidth);

        public IEnumerable<Segment> Render(RenderOptions options, int maxWidth) =>
            renderable.Render(options, maxWidth).Select(s => s.IsControlCode || s.IsLineBreak ? s : new Segment(SafeText.Terminal(s.Text), s.Style));
    }
}
