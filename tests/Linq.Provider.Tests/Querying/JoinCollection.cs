namespace Linq.Provider.Tests.Querying;

/// <summary>The join test classes share one seeded database (they only read it).</summary>
[CollectionDefinition("joins")]
public sealed class JoinCollection : ICollectionFixture<JoinFixture>;
