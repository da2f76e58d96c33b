namespace Linq.LocalPostgres;

/// <summary>The end of a server log written since an offset, for failure messages (at most 4,000 characters).</summary>
internal static class LogTail
{
    public static string Read(string path, long offset)
    {
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            stream.Seek(Math.Min(offset, stream.Length), SeekOrigin.Begin);
            using var reader = new StreamReader(stream);
            var text = reader.ReadToEnd();
            return text.Length > 4000 ? text[^4000..] : text;
        }
        catch (IOException)
        {
            return "(no server log)";
        }
    }
}
