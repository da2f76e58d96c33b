using System.Text.RegularExpressions;

namespace Linq.Migrations.Introspection;

/// <summary>
/// One spelling per PostgreSQL type, so a model's <c>timestamptz</c> and the catalog's
/// <c>timestamp with time zone</c> compare equal. Built-in names are lower-cased and mapped from their aliases
/// to the name <c>format_type</c> prints, except that <c>time</c> and <c>timestamp</c> stay short; quoted names
/// (enum and other user types) are kept as written; arrays normalise their element type.
/// </summary>
internal static partial class TypeNames
{
    private static readonly Dictionary<string, string> Aliases = new(StringComparer.Ordinal)
    {
        ["int"] = "integer",
        ["int4"] = "integer",
        ["serial"] = "integer",
        ["serial4"] = "integer",
        ["int8"] = "bigint",
        ["bigserial"] = "bigint",
        ["serial8"] = "bigint",
        ["int2"] = "smallint",
        ["smallserial"] = "smallint",
        ["serial2"] = "smallint",
        ["bool"] = "boolean",
        ["float8"] = "double precision",
        ["float"] = "double precision",
        ["float4"] = "real",
        ["decimal"] = "numeric",
        ["timestamptz"] = "timestamp with time zone",
        ["timestamp without time zone"] = "timestamp",
        ["time without time zone"] = "time",
        ["timetz"] = "time with time zone",
        ["varchar"] = "character varying",
        ["char"] = "character",
        ["bpchar"] = "character",
        ["varbit"] = "bit varying",
    };

    /// <summary>The canonical spelling of a type name.</summary>
    public static string Normalize(string typeName)
    {
        ArgumentNullException.ThrowIfNull(typeName);
        var name = typeName.Trim();
        if (name.EndsWith("[]", StringComparison.Ordinal))
        {
            return Normalize(name[..^2]) + "[]";
        }

        if (name.StartsWith('"'))
        {
            return name;
        }

        name = Whitespace().Replace(name.ToLowerInvariant(), " ");
        name = name.Replace(" (", "(", StringComparison.Ordinal).Replace(", ", ",", StringComparison.Ordinal);
        if (Aliases.TryGetValue(name, out var alias))
        {
            return alias;
        }

        // Modifiers: varchar(20) -> character varying(20), decimal(10,2) -> numeric(10,2),
        // timestamptz(3) -> timestamp(3) with time zone, as format_type prints them.
        var match = WithModifier().Match(name);
        if (match.Success)
        {
            var baseName = match.Groups["base"].Value;
            var modifier = match.Groups["mod"].Value;
            var rest = match.Groups["rest"].Value;
            switch (baseName)
            {
                case "timestamptz":
                    return "timestamp" + modifier + " with time zone";
                case "timetz":
                    return "time" + modifier + " with time zone";
                case "timestamp" or "time":
                    return baseName + modifier + (rest == " with time zone" ? rest : "");
            }

            return (Aliases.TryGetValue(baseName, out var aliasBase) ? aliasBase : baseName) + modifier + rest;
        }

        return name;
    }

    /// <summary>Whether two type names denote the same type.</summary>
    public static bool AreEqual(string left, string right) => string.Equals(Normalize(left), Normalize(right), StringComparison.Ordinal);

    /// <summary>Whether the type is an array type.</summary>
    public static bool IsArray(string typeName) => typeName.TrimEnd().EndsWith("[]", StringComparison.Ordinal);

    /// <summary>The element type of an array type, or the type itself.</summary>
    public static string ElementType(string typeName)
    {
        var name = Normalize(typeName);
        while (name.EndsWith("[]", StringComparison.Ordinal))
        {
            name = name[..^2];
        }

        return name;
    }

    /// <summary>Whether the (element) type is written as a quoted name: an enum or other user-defined type.</summary>
    public static bool IsUserDefined(string typeName) => ElementType(typeName).StartsWith('"');

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    [GeneratedRegex(@"^(?<base>[a-z0-9_ ]+?)(?<mod>\(\d+(,\d+)?\))(?<rest>( with time zone| without time zone)?)$")]
    private static partial Regex WithModifier();
}
