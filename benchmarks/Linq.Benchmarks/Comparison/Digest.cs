namespace Linq.Benchmarks.Comparison;

/// <summary>
/// What a variant of a scenario returned, reduced to counts and a checksum, so that every implementation of a
/// scenario can be checked to do the same work (same rows, same values) before anything is measured.
/// </summary>
/// <remarks>
/// Top-level rows are hashed in order (the queries order them); related rows are summed, so their order inside a
/// parent does not matter (not every library orders included children the same way unless told to).
/// </remarks>
public readonly record struct Digest(int Rows, int Children, int Grandchildren, long Checksum)
{
    public override string ToString() => $"{Rows} rows, {Children} children, {Grandchildren} grandchildren, checksum {Checksum:x}";
}

/// <summary>Builds a <see cref="Digest"/>: call <see cref="Row"/> per top-level row, <see cref="Child"/>/<see cref="Grandchild"/> for related rows.</summary>
public sealed class DigestBuilder
{
    private int _rows;
    private int _children;
    private int _grandchildren;
    private long _ordered = 17;
    private long _unordered;

    public DigestBuilder Row(params ReadOnlySpan<object?> values)
    {
        _rows++;
        _ordered = unchecked((_ordered * 31) + Hash(values));
        return this;
    }

    public DigestBuilder Child(params ReadOnlySpan<object?> values)
    {
        _children++;
        _unordered = unchecked(_unordered + Hash(values));
        return this;
    }

    public DigestBuilder Grandchild(params ReadOnlySpan<object?> values)
    {
        _grandchildren++;
        _unordered = unchecked(_unordered + (Hash(values) * 7));
        return this;
    }

    public Digest Build() => new(_rows, _children, _grandchildren, unchecked(_ordered ^ (_unordered * 1_000_003)));

    private static long Hash(ReadOnlySpan<object?> values)
    {
        // Stable within the process (string hashes are randomized per process, which is enough: digests are compared in one run).
        var hash = new HashCode();
        foreach (var value in values)
        {
            hash.Add(value switch
            {
                null => 0,
                DateTime time => time.ToUniversalTime().Ticks.GetHashCode(),
                Enum e => e.ToString().GetHashCode(StringComparison.Ordinal), // each library has its own Role enum: compare by name
                decimal d => d.GetHashCode(), // equal values hash alike whatever their scale (1000 and 1000.00)
                _ => value.GetHashCode(),
            });
        }

        return hash.ToHashCode();
    }
}

/// <summary>Runs every variant of a scenario once and requires equal digests (and, if given, the expected counts).</summary>
public static class Verify
{
    public static async Task SameAsync(string scenario, Digest? expected, params (string Name, Func<Task<Digest>> Run)[] variants)
    {
        Digest? reference = null;
        string? referenceName = null;
        foreach (var (name, run) in variants)
        {
            var digest = await run();
            if (expected is { } e && (digest.Rows, digest.Children, digest.Grandchildren) != (e.Rows, e.Children, e.Grandchildren))
            {
                throw new InvalidOperationException($"{scenario}: {name} returned {digest}, expected {e.Rows}/{e.Children}/{e.Grandchildren} rows.");
            }

            if (reference is null)
            {
                (reference, referenceName) = (digest, name);
            }
            else if (digest != reference)
            {
                throw new InvalidOperationException($"{scenario}: {name} returned {digest}, but {referenceName} returned {reference}.");
            }
        }

        Console.WriteLine($"// verified {scenario}: {variants.Length} variants returned {reference}");
    }
}
