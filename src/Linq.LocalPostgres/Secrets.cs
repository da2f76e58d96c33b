using System.Security.Cryptography;

namespace Linq.LocalPostgres;

/// <summary>Random values for passwords and directory names.</summary>
internal static class Secrets
{
    private const string Alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

    /// <summary>A 32-character random password of letters and digits (nothing that needs quoting).</summary>
    public static string NewPassword() => RandomNumberGenerator.GetString(Alphabet, 32);

    /// <summary>A short random lowercase token for names.</summary>
    public static string NewToken(int length = 12) => RandomNumberGenerator.GetString("abcdefghijklmnopqrstuvwxyz0123456789", length);
}
