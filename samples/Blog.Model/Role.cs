using Linq;

namespace Blog.Model;

/// <summary>Stored as the PostgreSQL enum type "Role".</summary>
[DbEnum]
public enum Role
{
    User,
    Admin,
}
