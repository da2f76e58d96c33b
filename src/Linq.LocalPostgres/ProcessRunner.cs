using System.Diagnostics;
using System.Text;

namespace Linq.LocalPostgres;

/// <summary>Runs short-lived helper programs (initdb, pg_ctl, chown, id) and captures their output.</summary>
internal static class ProcessRunner
{
    /// <summary>Runs a program to completion, killing it (and its children) after <paramref name="timeout"/>.</summary>
    public static async Task<ProcessResult> RunAsync(
        string fileName,
        IEnumerable<string> arguments,
        string? workingDirectory,
        TimeSpan timeout,
        CancellationToken cancellationToken)
    {
        using var process = CreateProcess(fileName, arguments, workingDirectory, out var stdout, out var stderr);
        Start(process, fileName);

        using var timeoutSource = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeoutSource.CancelAfter(timeout);
        try
        {
            await process.WaitForExitAsync(timeoutSource.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            Kill(process);
            cancellationToken.ThrowIfCancellationRequested();
            return new ProcessResult(-1, Read(stdout), Read(stderr), TimedOut: true);
        }

        // The parameterless wait makes sure the asynchronous output readers have drained.
        process.WaitForExit();
        return new ProcessResult(process.ExitCode, Read(stdout), Read(stderr), TimedOut: false);
    }

    /// <summary>Synchronous variant for dispose paths and process-exit handlers.</summary>
    public static ProcessResult Run(string fileName, IEnumerable<string> arguments, string? workingDirectory, TimeSpan timeout)
    {
        using var process = CreateProcess(fileName, arguments, workingDirectory, out var stdout, out var stderr);
        Start(process, fileName);
        if (!process.WaitForExit(timeout))
        {
            Kill(process);
            return new ProcessResult(-1, Read(stdout), Read(stderr), TimedOut: true);
        }

        process.WaitForExit();
        return new ProcessResult(process.ExitCode, Read(stdout), Read(stderr), TimedOut: false);
    }

    private static Process CreateProcess(
        string fileName,
        IEnumerable<string> arguments,
        string? workingDirectory,
        out StringBuilder stdout,
        out StringBuilder stderr)
    {
        var startInfo = new ProcessStartInfo(fileName)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            CreateNoWindow = true,
        };
        if (workingDirectory is not null)
        {
            startInfo.WorkingDirectory = workingDirectory;
        }

        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        var process = new Process { StartInfo = startInfo };
        var outBuffer = new StringBuilder();
        var errBuffer = new StringBuilder();
        process.OutputDataReceived += (_, e) => Append(outBuffer, e.Data);
        process.ErrorDataReceived += (_, e) => Append(errBuffer, e.Data);
        stdout = outBuffer;
        stderr = errBuffer;
        return process;
    }

    private static void Start(Process process, string fileName)
    {
        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new InvalidOperationException($"Could not start '{fileName}': {ex.Message}", ex);
        }

        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    private static void Append(StringBuilder buffer, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (buffer)
        {
            buffer.AppendLine(line);
        }
    }

    private static string Read(StringBuilder buffer)
    {
        lock (buffer)
        {
            return buffer.ToString();
        }
    }

    private static void Kill(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit(5000);
        }
        catch (InvalidOperationException)
        {
            // Already exited.
        }
        catch (System.ComponentModel.Win32Exception)
        {
            // Could not kill; nothing more to do.
        }
    }
}
