namespace Linq.Migrations.History;

/// <summary>One statement of a script and the line it starts on (1-based).</summary>
internal sealed record ScriptStatement(string Sql, int Line);

/// <summary>
/// Splits a SQL script into statements at top-level semicolons, as psql does: semicolons inside string literals
/// (<c>'…'</c>, <c>E'…'</c>), quoted identifiers, dollar-quoted bodies (<c>$tag$…$tag$</c>), comments (<c>--</c>,
/// nested <c>/* */</c>) and <c>BEGIN ATOMIC … END</c> function bodies do not split. Statements that hold only
/// comments and white space are left out.
/// </summary>
internal static class SqlScriptSplitter
{
    public static IReadOnlyList<ScriptStatement> Split(string script)
    {
        ArgumentNullException.ThrowIfNull(script);
        var statements = new List<ScriptStatement>();
        var start = 0;
        var line = 1;
        var firstTokenLine = -1;
        var atomicDepth = 0;
        string? previousWord = null;
        var i = 0;

        void Token()
        {
            if (firstTokenLine < 0)
            {
                firstTokenLine = line;
            }
        }

        void CountLines(int from, int to)
        {
            for (var k = from; k < to && k < script.Length; k++)
            {
                if (script[k] == '\n')
                {
                    line++;
                }
            }
        }

        while (i < script.Length)
        {
            var c = script[i];
            var next = i + 1 < script.Length ? script[i + 1] : '\0';
            if (c == '\n')
            {
                line++;
                i++;
            }
            else if (char.IsWhiteSpace(c))
            {
                i++;
            }
            else if (c == '-' && next == '-')
            {
                while (i < script.Length && script[i] != '\n')
                {
                    i++;
                }
            }
            else if (c == '/' && next == '*')
            {
                var depth = 0;
                var from = i;
                do
                {
                    if (script[i] == '/' && i + 1 < script.Length && script[i + 1] == '*')
                    {
                        depth++;
                        i += 2;
                    }
                    else if (script[i] == '*' && i + 1 < script.Length && script[i + 1] == '/')
                    {
                        depth--;
                        i += 2;
                    }
                    else
                    {
                        i++;
                    }
                }
                while (depth > 0 && i < script.Length);
                CountLines(from, i);
            }
            else if (c == '\'')
            {
                Token();
                var escapes = i > 0 && (script[i - 1] is 'E' or 'e') && (i < 2 || !IsIdentifierChar(script[i - 2]));
                var from = i;
                i++;
                while (i < script.Length)
                {
                    if (escapes && script[i] == '\\')
                    {
                        i += 2;
                    }
                    else if (script[i] == '\'')
                    {
                        if (i + 1 < script.Length && script[i + 1] == '\'')
                        {
                            i += 2;
                        }
                        else
                        {
                            i++;
                            break;
                        }
                    }
                    else
                    {
                        i++;
                    }
                }

                CountLines(from, i);
                previousWord = null;
            }
            else if (c == '"')
            {
                Token();
                var from = i;
                i++;
                while (i < script.Length)
                {
                    if (script[i] == '"')
                    {
                        if (i + 1 < script.Length && script[i + 1] == '"')
                        {
                            i += 2;
                            continue;
                        }

                        i++;
                        break;
                    }

                    i++;
                }

                CountLines(from, i);
                previousWord = null;
            }
            else if (c == '$' && (i == 0 || !IsIdentifierChar(script[i - 1])) && DollarTag(script, i) is { } tag)
            {
                Token();
                var from = i;
                var close = script.IndexOf(tag, i + tag.Length, StringComparison.Ordinal);
                i = close < 0 ? script.Length : close + tag.Length;
                CountLines(from, i);
                previousWord = null;
            }
            else if (c == ';' && atomicDepth == 0)
            {
                Add(statements, script[start..i], firstTokenLine);
                i++;
                start = i;
                firstTokenLine = -1;
                previousWord = null;
            }
            else if (char.IsLetter(c) || c == '_')
            {
                Token();
                var from = i;
                while (i < script.Length && IsIdentifierChar(script[i]))
                {
                    i++;
                }

                var word = script[from..i].ToUpperInvariant();
                if (word == "ATOMIC" && previousWord == "BEGIN")
                {
                    atomicDepth++;
                }
                else if (atomicDepth > 0 && word == "CASE")
                {
                    atomicDepth++;
                }
                else if (atomicDepth > 0 && word == "END")
                {
                    atomicDepth--;
                }

                previousWord = word;
            }
            else
            {
                Token();
                i++;
                previousWord = null;
            }
        }

        Add(statements, script[start..], firstTokenLine);
        return statements;
    }

    /// <summary>The first keyword of a statement, upper-cased, or an empty string.</summary>
    public static string FirstKeyword(string statement)
    {
        var text = statement.AsSpan().TrimStart();
        var end = 0;
        while (end < text.Length && (char.IsLetter(text[end]) || text[end] == '_'))
        {
            end++;
        }

        return text[..end].ToString().ToUpperInvariant();
    }

    private static void Add(List<ScriptStatement> statements, string text, int line)
    {
        if (line >= 0)
        {
            statements.Add(new ScriptStatement(StripLeadingComments(text), line));
        }
    }

    // Leading comments and white space are not part of the statement (the header of a migration, say).
    private static string StripLeadingComments(string text)
    {
        var i = 0;
        while (i < text.Length)
        {
            if (char.IsWhiteSpace(text[i]))
            {
                i++;
            }
            else if (text[i] == '-' && i + 1 < text.Length && text[i + 1] == '-')
            {
                while (i < text.Length && text[i] != '\n')
                {
                    i++;
                }
            }
            else
            {
                break;
            }
        }

        return text[i..].TrimEnd();
    }

    private static bool IsIdentifierChar(char c) => char.IsLetterOrDigit(c) || c is '_' or '$';

    // "$tag$" (tag empty or an identifier not starting with a digit) starting at i, or null ($1 is a parameter).
    private static string? DollarTag(string script, int i)
    {
        var j = i + 1;
        if (j < script.Length && char.IsDigit(script[j]))
        {
            return null;
        }

        while (j < script.Length && (char.IsLetterOrDigit(script[j]) || script[j] == '_'))
        {
            j++;
        }

        return j < script.Length && script[j] == '$' ? script[i..(j + 1)] : null;
    }
}
