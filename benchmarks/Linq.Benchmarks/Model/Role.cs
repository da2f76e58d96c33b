using Linq;

namespace Linq.Benchmarks.Model;

/// <summary>Stored as the PostgreSQL enum type "Role".</summary>
[DbEnum]
public enum Role
{
    User,
    Admin,
}
