namespace Linq.Contract;

public abstract partial class EnumMetadata
{
    /// <summary>
    /// Label → value of one <c>[DbEnum]</c>, for related rows and aggregated values read from JSON, where PostgreSQL
    /// writes an enum as its label text. Filled by the enum's generated metadata (one table per enum type: its labels
    /// come from the enum's own attributes, so every database that uses it fills the same table).
    /// </summary>
    internal static class LabelTable<TEnum> where TEnum : struct, Enum
    {
        private static Dictionary<string, TEnum>? _byLabel;

        public static void Set(IReadOnlyList<string> labels, IReadOnlyList<TEnum> values)
        {
            var byLabel = new Dictionary<string, TEnum>(labels.Count, StringComparer.Ordinal);
            for (var i = 0; i < labels.Count; i++)
            {
                byLabel[labels[i]] = values[i];
            }

            _byLabel = byLabel;
        }

        /// <summary>The value of a label; a text that is no label is a <see cref="FormatException"/>, never another member.</summary>
        public static TEnum Parse(string label)
        {
            if (_byLabel is { } byLabel)
            {
                return byLabel.TryGetValue(label, out var value)
                    ? value
                    : throw new FormatException($"The text is not a label of the PostgreSQL enum type of {typeof(TEnum).Name}.");
            }

            // No metadata made yet (a model read outside its database): the labels are the member names.
            return Enum.Parse<TEnum>(label, ignoreCase: false);
        }
    }
}
