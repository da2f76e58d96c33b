using Linq.Provider.Tests.Models;

namespace Linq.Provider.Tests.RawSql;

// Row types of the raw SQL tests. The generator writes a reader for each [SqlResult] type.

/// <summary>A positional record: the constructor's parameters are the columns.</summary>
[SqlResult]
public sealed record UserRow(int Id, string Email, string? Name, Role Role);

/// <summary>Snake_case columns (post_id, created_at, comment_count) fill PascalCase parameters.</summary>
[SqlResult]
public sealed record PostSummary(int Id, string Title, DateTime CreatedAt, int AuthorId, long CommentCount);

/// <summary>A class with settable, init and required properties.</summary>
[SqlResult]
public sealed class PostEntry
{
    public int Id { get; set; }

    public required string Title { get; init; }

    public DateTime CreatedAt { get; set; }

    public string? Content { get; set; }

    /// <summary>No query selects it: a set property without a column keeps its initial value.</summary>
    public string Note { get; set; } = "kept";

    /// <summary>Not read: get-only.</summary>
    public string Display => Id + ": " + Title;
}

/// <summary>A record struct, a parameter with a default value and a [Map]ped column.</summary>
[SqlResult]
public readonly record struct LabelRow(int Id, [property: Map("label_text")] string Label, string Suffix = "none");

[SqlResult]
public sealed record NullableRow(int? Count, string? Name, DateTime? At);

[SqlResult]
public sealed record CountRow(int Count);

[SqlResult]
public sealed record NameRow(string Name);

/// <summary>Declares Email as an int: reading the text column must fail clearly.</summary>
[SqlResult]
public sealed record WrongTypeRow(int Id, int Email);

[SqlResult]
public sealed record CreatedRow(DateTime CreatedAt);

/// <summary>A class with a constructor and a settable property, both read.</summary>
[SqlResult]
public sealed class Totals(long count, decimal sum)
{
    public long Count { get; } = count;

    public decimal Sum { get; } = sum;

    public string? Label { get; set; }
}

/// <summary>Every kind of value the scalar tests also read, as members.</summary>
[SqlResult]
public sealed record TypedRow(
    long Long, short Short, decimal Decimal, double Double, float Float, bool Flag, Guid Guid, DateTime At, DateTimeOffset Offset,
    DateOnly Day, TimeOnly Time, TimeSpan Span, byte[] Bytes, int[] Numbers, List<string> Tags, Mood Mood, Mood? NoMood,
    System.Text.Json.JsonDocument Json);

/// <summary>Not marked: QueryRawAsync must refuse it up front.</summary>
public sealed record UnmarkedRow(int Id);
