using System.ComponentModel;
using System.Diagnostics.CodeAnalysis;
using Npgsql;

namespace Linq.Contract;

/// <summary>A <c>[DbEnum]</c> type: its PostgreSQL name and labels, and how to register it with Npgsql.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public abstract partial class EnumMetadata(Type clrType, string storeName, IReadOnlyList<string> labels)
{
    /// <summary>The enum's CLR type.</summary>
    public Type ClrType { get; } = clrType;

    /// <summary>The PostgreSQL type name (unquoted).</summary>
    public string StoreName { get; } = storeName;

    /// <summary>The labels, in declaration order: each member's <c>[Map]</c> label, else its name.</summary>
    public IReadOnlyList<string> Labels { get; } = labels;

    /// <summary>
    /// For each label (same order), what C# <c>ToString()</c> writes for the value it stands for: the member's name,
    /// which differs from the label under <c>[Map]</c> (and may for an alias, one value with two names).
    /// </summary>
    internal virtual IReadOnlyList<string> Texts => Labels;

    /// <summary>Whether <c>ToString()</c> of every value is its label, so SQL's text of the column is what C# writes.</summary>
    internal bool TextIsLabel => Texts.SequenceEqual(Labels, StringComparer.Ordinal);

    /// <summary>Registers the mapping on a data source builder.</summary>
    public abstract void Register(NpgsqlDataSourceBuilder builder);
}

/// <summary>The generic form used by generated code, so registration needs no reflection.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class EnumMetadata<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicFields)] TEnum> : EnumMetadata where TEnum : struct, Enum
{
    private readonly LabelTranslator _translator;
    private readonly string[] _texts;

    /// <summary>
    /// Created by generated code only, with one entry per member in declaration order: its label, name and value.
    /// Adds the enum to the runtime's table of value types, so its values are read, sent and copied typed, and its
    /// labels to the table related rows' JSON is read with.
    /// </summary>
    public EnumMetadata(string storeName, IReadOnlyList<string> labels, IReadOnlyList<string> members, IReadOnlyList<TEnum> values)
        : base(typeof(TEnum), storeName, labels)
    {
        ArgumentNullException.ThrowIfNull(members);
        ArgumentNullException.ThrowIfNull(values);
        if (members.Count != labels.Count || values.Count != labels.Count)
        {
            throw new ArgumentException($"The enum {typeof(TEnum).Name} needs one label, name and value per member.", nameof(labels));
        }

        // Labels are the member names as written (as Prisma stores them) unless [Map] gives another: Npgsql asks the
        // translator for each member's label; its default translator would snake_case them.
        _translator = new LabelTranslator(members, labels);
        _texts = [.. values.Select(v => v.ToString())];
        LabelTable<TEnum>.Set(labels, values);
        ScalarType.AddEnum<TEnum>();
    }

    /// <inheritdoc />
    internal override IReadOnlyList<string> Texts => _texts;

    /// <inheritdoc />
    public override void Register(NpgsqlDataSourceBuilder builder) => builder.MapEnum<TEnum>(StoreName, _translator);
}
