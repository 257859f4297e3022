namespace Callmap.Cli;

public enum OutputFormat
{
    /// <summary>For a terminal: coloured when it is one, plain when piped.</summary>
    Text,
    /// <summary>For a pull-request comment.</summary>
    Markdown,
    /// <summary>A stable machine form (schemaVersion 1).</summary>
    Json,
}
