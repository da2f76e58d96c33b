using System.Text;

namespace Linq.Cli.Pull;

/// <summary>C# names for SQL names: PascalCase, valid identifiers, light singularisation for class names.</summary>
internal static class Names
{
    private static readonly HashSet<string> Keywords = new(StringComparer.Ordinal)
    {
        "abstract", "as", "base", "bool", "break", "byte", "case", "catch", "char", "checked", "class", "const", "continue", "decimal",
        "default", "delegate", "do", "double", "else", "enum", "event", "explicit", "extern", "false", "finally", "fixed", "float", "for",
        "foreach", "goto", "if", "implicit", "in", "int", "interface", "internal", "is", "lock", "long", "namespace", "new", "null", "object",
        "operator", "out", "override", "params", "private", "protected", "public", "readonly", "ref", "return", "sbyte", "sealed", "short",
        "sizeof", "stackalloc", "static", "string", "struct", "switch", "this", "throw", "true", "try", "typeof", "uint", "ulong",
        "unchecked", "unsafe", "ushort", "using", "virtual", "void", "volatile", "while",
    };

    /// <summary><c>album_id</c> → <c>AlbumId</c>, <c>firstName</c> → <c>FirstName</c>, <c>2fa</c> → <c>_2fa</c>.</summary>
    public static string Pascal(string sql)
    {
        var text = new StringBuilder();
        var upper = true;
        foreach (var c in sql)
        {
            if (char.IsLetterOrDigit(c))
            {
                text.Append(upper ? char.ToUpperInvariant(c) : c);
                upper = false;
            }
            else
            {
                upper = true;
            }
        }

        if (text.Length == 0)
        {
            return "Unnamed";
        }

        // An all-capitals word (ID, URL) reads better as Id, Url.
        var result = text.ToString();
        if (result.Length > 1 && result.All(ch => !char.IsLetter(ch) || char.IsUpper(ch)))
        {
            result = result[0] + result[1..].ToLowerInvariant();
        }

        return char.IsDigit(result[0]) ? "_" + result : result;
    }

    /// <summary>A class name for a table: PascalCase, singular (<c>users</c> → <c>User</c>, <c>categories</c> → <c>Category</c>).</summary>
    public static string ClassName(string table) => Singular(Pascal(table));

    public static string Singular(string name)
    {
        if (name.Length < 4)
        {
            return name;
        }

        if (name.EndsWith("ies", StringComparison.Ordinal))
        {
            return name[..^3] + "y";
        }

        foreach (var ending in new[] { "sses", "xes", "ches", "shes", "zzes" })
        {
            if (name.EndsWith(ending, StringComparison.Ordinal))
            {
                return name[..^2];
            }
        }

        return name.EndsWith('s') && !name.EndsWith("ss", StringComparison.Ordinal) && !name.EndsWith("us", StringComparison.Ordinal)
            && !name.EndsWith("is", StringComparison.Ordinal) ? name[..^1] : name;
    }

    /// <summary>The table property name the generator gives a model (its pluralisation, kept in step with DatabaseEmitter).</summary>
    public static string Plural(string name)
    {
        if (name.EndsWith('y') && name.Length > 1 && "aeiou".IndexOf(char.ToLowerInvariant(name[^2])) < 0)
        {
            return name[..^1] + "ies";
        }

        return name.EndsWith('s') || name.EndsWith('x') || name.EndsWith('z') || name.EndsWith("ch", StringComparison.Ordinal) || name.EndsWith("sh", StringComparison.Ordinal)
            ? name + "es"
            : name + "s";
    }

    /// <summary>An identifier as written in code: keywords get <c>@</c>.</summary>
    public static string Escape(string identifier) => Keywords.Contains(identifier) ? "@" + identifier : identifier;

    /// <summary>
    /// The member names of an enum's labels, in order. A label that is a C# name (not a keyword) is its own member; any
    /// other gets a derived name and <c>[Map("label")]</c>: runs of characters a name cannot hold become one <c>_</c>
    /// (<c>PG-13</c> → <c>PG_13</c>, <c>in progress</c> → <c>in_progress</c>), a leading digit or a keyword gets a
    /// leading <c>_</c> (<c>2fa</c> → <c>_2fa</c>, <c>class</c> → <c>_class</c>), and a name already taken a number
    /// (<c>a-b</c> next to <c>a_b</c> → <c>a_b2</c>). Labels that are names claim theirs first, so a derived name never
    /// moves one. Stable: the same labels give the same names.
    /// </summary>
    public static IReadOnlyList<string> EnumMembers(IReadOnlyList<string> labels, string enumName)
    {
        // value__ is the field an enum's value lives in; a member cannot have the enum's own name.
        var taken = new HashSet<string>(StringComparer.Ordinal) { "value__", enumName };
        var names = new string?[labels.Count];
        for (var i = 0; i < labels.Count; i++)
        {
            if (IsIdentifier(labels[i]) && !Keywords.Contains(labels[i]) && taken.Add(labels[i]))
            {
                names[i] = labels[i];
            }
        }

        for (var i = 0; i < labels.Count; i++)
        {
            names[i] ??= Unique([MemberName(labels[i])], taken);
        }

        return names!;
    }

    private static string MemberName(string label)
    {
        var text = new StringBuilder();
        var gap = false;
        foreach (var c in label)
        {
            if ((char.IsAsciiLetterOrDigit(c)) || c == '_')
            {
                text.Append(gap && text.Length > 0 ? "_" : "").Append(c);
                gap = false;
            }
            else
            {
                gap = true;
            }
        }

        var name = text.Length == 0 ? "Value" : text.ToString();
        return char.IsAsciiDigit(name[0]) || Keywords.Contains(name) ? "_" + name : name;
    }

    /// <summary>Whether an enum label can be a C# member name as it is.</summary>
    public static bool IsIdentifier(string label) =>
        label.Length > 0 && (char.IsLetter(label[0]) || label[0] == '_') && label.All(c => char.IsLetterOrDigit(c) || c == '_') && label.All(char.IsAscii);

    public static string NamespacePart(string part)
    {
        var pascal = Pascal(part);
        return Keywords.Contains(pascal) ? "_" + pascal : pascal;
    }

    /// <summary>A C# string literal.</summary>
    public static string Literal(string value)
    {
        var text = new StringBuilder("\"");
        foreach (var c in value)
        {
            text.Append(c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                '\0' => "\\0",
                _ when char.IsControl(c) => "\\u" + ((int)c).ToString("x4", System.Globalization.CultureInfo.InvariantCulture),
                _ => c.ToString(),
            });
        }

        return text.Append('"').ToString();
    }

    /// <summary>A name not yet in <paramref name="taken"/>: the first free candidate, else the last one with a number.</summary>
    public static string Unique(IEnumerable<string> candidates, ISet<string> taken)
    {
        string? last = null;
        foreach (var candidate in candidates)
        {
            last = candidate;
            if (taken.Add(candidate))
            {
                return candidate;
            }
        }

        for (var i = 2; ; i++)
        {
            if (taken.Add(last + i))
            {
                return last + i;
            }
        }
    }
}
