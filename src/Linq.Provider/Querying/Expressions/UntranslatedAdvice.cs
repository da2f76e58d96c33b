using System.Reflection;

namespace Linq.Querying.Expressions;

/// <summary>
/// What to write instead of a method that has no SQL translation: the everyday cases by name, otherwise the two ways
/// out every such call has (compute the value before the query, or call it in the final Select).
/// </summary>
internal static class UntranslatedAdvice
{
    public static string For(MethodInfo method) => (method.DeclaringType?.Name, method.Name) switch
    {
        ("String", "get_Chars") => "s[i] is translated where it is compared with a char (s[0] == 'S'); elsewhere compare a one-character piece: s.StartsWith('S'), or s.Substring(i, 1) == \"S\".",
        ("Object", nameof(Equals)) => "Compare with == (null == null holds, as in object.Equals).",
        ("Enum", nameof(Enum.HasFlag)) => "Compare the enum values with == (joined with ||), or store the flags in an integer column and test (x & flag) != 0.",
        ("TimeSpan", _) when method.Name.StartsWith("From", StringComparison.Ordinal) => "Compare the number itself (t.Milliseconds > 10 * 60_000), or use date arithmetic (d.AddMinutes(n)).",
        (_, nameof(ToString)) => "Format the value after reading it (a final Select may call ToString: it runs on the client), or use a supported form (see docs/queries.md).",
        _ => "Compute the value before the query and pass it in, or call the method in the final Select (it then runs after reading).",
    };
}
