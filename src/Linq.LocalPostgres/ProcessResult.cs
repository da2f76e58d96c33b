namespace Linq.LocalPostgres;

/// <summary>The outcome of a finished child process.</summary>
/// <param name="ExitCode">The process exit code (-1 when it was killed after a timeout).</param>
/// <param name="StandardOutput">Everything the process wrote to standard output.</param>
/// <param name="StandardError">Everything the process wrote to standard error.</param>
/// <param name="TimedOut">True when the process was killed because it ran too long.</param>
internal sealed record ProcessResult(int ExitCode, string StandardOutput, string StandardError, bool TimedOut)
{
    /// <summary>True when the process exited with code 0 in time.</summary>
    public bool Succeeded => ExitCode == 0 && !TimedOut;

    /// <summary>Standard error and standard output combined, trimmed, for error messages.</summary>
    public string Diagnostics
    {
        get
        {
            var parts = new[] { StandardError.Trim(), StandardOutput.Trim() };
            var text = string.Join(Environment.NewLine, parts.Where(p => p.Length > 0));
            return TimedOut ? "(timed out) " + text : text;
        }
    }
}
