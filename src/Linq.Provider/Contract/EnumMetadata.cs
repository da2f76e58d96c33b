using System.ComponentModel;
using System.Diagnostics.CodeAnalysis;
using Npgsql;

namespace Linq.Contract;

/// <summary>A <c>[DbEnum]</c> type: its PostgreSQL name and labels, and how to register it with Npgsql.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public abstract class EnumMetadata(Type clrType, string storeName, IReadOnlyList<string> labels)
{
    /// <summary>The enum's CLR type.</summary>
    public Type ClrType { get; } = clrType;

    /// <summary>The PostgreSQL type name (unquoted).</summary>
    public string StoreName { get; } = storeName;

    /// <summary>The labels, in declaration order.</summary>
    public IReadOnlyList<string> Labels { get; } = labels;

    /// <summary>Registers the mapping on a data source builder.</summary>
    public abstract void Register(NpgsqlDataSourceBuilder builder);
}

/// <summary>The generic form used by generated code, so registration needs no reflection.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class EnumMetadata<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicFields)] TEnum> : EnumMetadata where TEnum : struct, Enum
{
    // Labels are the C# member names as written, as Prisma stores them; the default translator would snake_case them.
    private static readonly Npgsql.NameTranslation.NpgsqlNullNameTranslator Translator = new();

    /// <summary>Created by generated code only. Adds the enum to the runtime's table of value types, so its values are read, sent and copied typed.</summary>
    public EnumMetadata(string storeName, IReadOnlyList<string> labels)
        : base(typeof(TEnum), storeName, labels) => ScalarType.AddEnum<TEnum>();

    /// <inheritdoc />
    public override void Register(NpgsqlDataSourceBuilder builder) => builder.MapEnum<TEnum>(StoreName, Translator);
}
