using Linq.Chinook.Tests.Infrastructure;

namespace Linq.Chinook.Tests.Catalogue;

/// <summary>What an everyday query must do: give LINQ-to-Objects' result, or be refused before any SQL.</summary>
internal enum Expect
{
    /// <summary>The provider returns exactly what LINQ-to-Objects returns over the plainly read rows (or throws the same exception type).</summary>
    Exact,

    /// <summary>The provider throws <see cref="QueryTranslationException"/> whose message holds the advice.</summary>
    Refused,
}

/// <summary>One catalogue query: its name (area/what), the expected outcome and the check that runs it both ways.</summary>
internal sealed record CatalogueEntry(string Name, Expect Expect, Func<ChinookFixture, Task> Run);

/// <summary>A table of the provider and the same rows read with plain Npgsql.</summary>
internal sealed class Source<T>(Func<ChinookFixture, IQueryable<T>> table, Func<ChinookFixture, IEnumerable<T>> rows)
{
    public IQueryable<T> Table(ChinookFixture f) => table(f);

    public IQueryable<T> Rows(ChinookFixture f) => rows(f).AsQueryable();
}
