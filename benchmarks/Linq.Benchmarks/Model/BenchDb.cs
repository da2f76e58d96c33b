using Linq;

namespace Linq.Benchmarks.Model;

/// <summary>The benchmark client over the guide's schema; the generator adds Users, Profiles, Posts, Comments and Accounts.</summary>
[Database]
public partial class BenchDb : LinqDatabase;
