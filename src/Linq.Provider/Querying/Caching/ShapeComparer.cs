using System.Runtime.InteropServices;

namespace Linq.Querying.Caching;

/// <summary>Compares shapes as token sequences; looks up by span so a cache hit allocates no key.</summary>
internal sealed class ShapeComparer : IEqualityComparer<long[]>, IAlternateEqualityComparer<ReadOnlySpan<long>, long[]>
{
    public static ShapeComparer Instance { get; } = new();

    public bool Equals(long[]? x, long[]? y) => ReferenceEquals(x, y) || (x is not null && y is not null && x.AsSpan().SequenceEqual(y));

    public int GetHashCode(long[] obj) => Hash(obj);

    public bool Equals(ReadOnlySpan<long> alternate, long[] other) => alternate.SequenceEqual(other);

    public int GetHashCode(ReadOnlySpan<long> alternate) => Hash(alternate);

    public long[] Create(ReadOnlySpan<long> alternate) => alternate.ToArray();

    private static int Hash(ReadOnlySpan<long> tokens)
    {
        var hash = new HashCode();
        hash.AddBytes(MemoryMarshal.AsBytes(tokens));
        return hash.ToHashCode();
    }
}
