namespace Linq.Chinook.Tests.Catalogue;

/// <summary>The catalogue of everyday queries, by area (see docs/queries.md for what each area supports).</summary>
internal static class EverydayCatalogue
{
    public static readonly IReadOnlyDictionary<string, CatalogueEntry> Entries = Build();

    private static IReadOnlyDictionary<string, CatalogueEntry> Build()
    {
        var c = new CatalogueBuilder();
        StringQueries.Add(c);
        NumberQueries.Add(c);
        DateQueries.Add(c);
        NullableQueries.Add(c);
        CollectionQueries.Add(c);
        JoinAndGroupQueries.Add(c);
        ElementAndOrderingQueries.Add(c);
        SetAndProjectionQueries.Add(c);
        return c.Entries;
    }
}
