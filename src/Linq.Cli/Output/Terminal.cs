namespace Linq.Cli.Output;

/// <summary>What the tool prints and asks. Results go to stdout; warnings and errors to stderr.</summary>
internal sealed class Terminal(TextWriter output, TextWriter error, TextReader input, bool interactive)
{
    public static Terminal Console { get; } = new(System.Console.Out, System.Console.Error, System.Console.In,
        !System.Console.IsInputRedirected && Environment.GetEnvironmentVariable("LINQ_NON_INTERACTIVE") is not ("1" or "true"));

    /// <summary>Whether a person can answer questions (stdin is a terminal).</summary>
    public bool IsInteractive { get; } = interactive;

    public void Line(string text = "") => output.WriteLine(text);

    public void Warn(string text) => error.WriteLine("warning: " + text);

    public void Error(string text) => error.WriteLine("error: " + text);

    /// <summary>Asks a yes/no question; only "y" or "yes" is yes. Never asks when not interactive.</summary>
    public bool Confirm(string question)
    {
        if (!IsInteractive)
        {
            return false;
        }

        output.Write(question + " [y/N] ");
        output.Flush();
        var answer = input.ReadLine()?.Trim();
        return answer is not null && (answer.Equals("y", StringComparison.OrdinalIgnoreCase) || answer.Equals("yes", StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>Asks for a line of text; null when not interactive or nothing was typed.</summary>
    public string? Ask(string question)
    {
        if (!IsInteractive)
        {
            return null;
        }

        output.Write(question + " ");
        output.Flush();
        var answer = input.ReadLine()?.Trim();
        return string.IsNullOrEmpty(answer) ? null : answer;
    }
}
