using System.Collections.Generic;

namespace Linq.Generators
{
    /// <summary>Checks the explicit <c>Name</c> of a <c>[Unique]</c>, <c>[Index]</c>, <c>[FullTextIndex]</c> or <c>[Relation]</c> (its foreign key).</summary>
    internal static class KeyNames
    {
        /// <summary>
        /// Whether an explicit key name (null: none given) names something; reports LINQ067 when not. PostgreSQL rejects a
        /// zero-length identifier, and a blank one is a typo, so the key is left out rather than named by a guess.
        /// </summary>
        public static bool Valid(string? name, string attribute, string owner, LocationInfo? location, List<DiagnosticInfo> diagnostics)
        {
            if (name is null || name.Trim().Length > 0)
            {
                return true;
            }

            diagnostics.Add(DiagnosticInfo.Create(NameDiagnostics.EmptyKeyName, location, attribute, owner));
            return false;
        }
    }
}
