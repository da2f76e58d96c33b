using Npgsql;

namespace Linq.Contract;

public abstract partial class EnumMetadata
{
    /// <summary>
    /// Npgsql's name translator for one <c>[DbEnum]</c>: a member's label from the generated member → label table
    /// (<c>MapEnum</c> calls it once per member name when it builds the mapping), so <c>[Map]</c> needs no attribute
    /// read at run time.
    /// </summary>
    private protected sealed class LabelTranslator : INpgsqlNameTranslator
    {
        private readonly Dictionary<string, string> _labels = new(StringComparer.Ordinal);

        public LabelTranslator(IReadOnlyList<string> members, IReadOnlyList<string> labels)
        {
            for (var i = 0; i < members.Count; i++)
            {
                _labels[members[i]] = labels[i];
            }
        }

        // The type's name is always given to MapEnum; this is only Npgsql's fallback.
        public string TranslateTypeName(string clrName) => clrName;

        public string TranslateMemberName(string clrName) => _labels.TryGetValue(clrName, out var label) ? label : clrName;
    }
}
