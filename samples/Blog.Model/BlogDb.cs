using Linq;

namespace Blog.Model;

/// <summary>The client; the generator adds Users, Profiles, Posts, Comments and Accounts.</summary>
[Database]
public partial class BlogDb : LinqDatabase;
